package io.campaignpulse.api;

import io.campaignpulse.streams.query.AnalyticsQueries;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the API answers from: this instance's copies of the campaign store partitions, and where every partition
 * lives among the app's instances, so a request for another instance's campaign can be forwarded there and a list
 * can be gathered from all of them. {@link KafkaStreamsBackend} is the real one; {@link #single} serves one
 * instance's queries as the only partition (for tests with stand-in queries).
 */
public interface QueryBackend {

  /** This instance as the other instances reach it (its {@code application.server}). */
  HostInfo self();

  /** Number of partitions of the campaign stores. */
  int partitions();

  /** The partition of a campaign and the instances holding it. */
  Placement placement(String campaignId);

  /** Every instance of the app, this one included. */
  Set<HostInfo> instances();

  /** The partitions this instance runs as active. */
  Set<Integer> activePartitions();

  /**
   * Queries of this instance's copy of one partition: the active copy, or with {@code stale} a standby copy too.
   * The queries throw {@link org.apache.kafka.streams.errors.InvalidStateStoreException} when there is none.
   */
  AnalyticsQueries partition(int partition, boolean stale);

  /** One instance whose queries cover every campaign, as partition 0. */
  static QueryBackend single(AnalyticsQueries queries) {
    HostInfo self = new HostInfo("localhost", 0);
    return new QueryBackend() {
      @Override
      public HostInfo self() {
        return self;
      }

      @Override
      public int partitions() {
        return 1;
      }

      @Override
      public Placement placement(String campaignId) {
        return new Placement(0, self, Set.of());
      }

      @Override
      public Set<HostInfo> instances() {
        return Set.of(self);
      }

      @Override
      public Set<Integer> activePartitions() {
        return Set.of(0);
      }

      @Override
      public AnalyticsQueries partition(int partition, boolean stale) {
        return queries;
      }
    };
  }
}
