package io.campaignpulse.api;

import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.query.AnalyticsQueries;
import io.campaignpulse.streams.query.CampaignQueries;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The campaign stores of a running {@link KafkaStreams} instance and Kafka Streams' own metadata of where each
 * partition lives. Every store the API reads (totals, breakdowns, series, campaign definitions, budget ledgers and
 * alerts) belongs to the one sub-topology keyed by campaignId (its sources are the campaigns topic and the batch
 * repartition topics), so one campaign's answers all come from one partition on one instance.
 */
public final class KafkaStreamsBackend implements QueryBackend {

  private static final String ROUTING_STORE = Family.CAMPAIGN_TOTAL.storeName();
  private static final StringSerializer KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final CampaignQueries queries;
  private final HostInfo self;
  private final int partitions;
  private final String campaignsTopic;

  /**
   * @param self this instance's {@code application.server}
   * @param partitions partitions of the input topics, hence of the campaign stores
   * @param campaignsTopic the campaigns topic, a source of the campaign stores' sub-topology
   */
  public KafkaStreamsBackend(KafkaStreams streams, CampaignQueries queries, HostInfo self, int partitions,
      String campaignsTopic) {
    this.streams = streams;
    this.queries = queries;
    this.self = self;
    this.partitions = partitions;
    this.campaignsTopic = campaignsTopic;
  }

  @Override
  public HostInfo self() {
    return self;
  }

  @Override
  public int partitions() {
    return partitions;
  }

  @Override
  public Placement placement(String campaignId) {
    KeyQueryMetadata where;
    try {
      where = streams.queryMetadataForKey(ROUTING_STORE, campaignId, KEYS);
    } catch (IllegalStateException e) { // not started, or shutting down
      where = null;
    }
    if (where == null || where.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return new Placement(defaultPartition(campaignId), null, Set.of());
    }
    return new Placement(where.partition(), known(where.activeHost()), where.standbyHosts());
  }

  /** The default partitioner's choice, as the repartition by campaignId made it; known even while metadata is not. */
  private int defaultPartition(String campaignId) {
    return Utils.toPositive(Utils.murmur2(campaignId.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  @Override
  public Set<HostInfo> instances() {
    Set<HostInfo> hosts = new HashSet<>();
    hosts.add(self);
    try {
      for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
        if (known(m.hostInfo()) != null) {
          hosts.add(m.hostInfo());
        }
      }
    } catch (IllegalStateException e) {
      // not started or shutting down: only this instance is known
    }
    return hosts;
  }

  @Override
  public Set<Integer> activePartitions() {
    Set<Integer> mine = new TreeSet<>();
    try {
      for (StreamsMetadata m : streams.streamsMetadataForStore(ROUTING_STORE)) {
        if (self.equals(m.hostInfo())) {
          m.topicPartitions().stream().filter(tp -> tp.topic().equals(campaignsTopic))
              .forEach(tp -> mine.add(tp.partition()));
        }
      }
    } catch (IllegalStateException e) {
      // not started or shutting down: none
    }
    return mine;
  }

  @Override
  public AnalyticsQueries partition(int partition, boolean stale) {
    return queries.partition(partition, stale);
  }

  private static HostInfo known(HostInfo host) {
    return host == null || host.equals(HostInfo.unavailable()) ? null : host;
  }
}
