package io.campaignpulse.streams;

import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.decode.RegistryWait;
import io.campaignpulse.streams.query.CampaignQueries;
import io.campaignpulse.streams.topology.PipelineTopology;
import java.time.Duration;
import java.time.Clock;
import java.util.Collections;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of the live pipeline: builds the topology, runs it in a {@link KafkaStreams} instance and closes it
 * cleanly. A record whose schema the registry must be asked for while it cannot be reached waits for it
 * ({@link RegistryWait}); a stream thread that dies of an unexpected error (an outage longer than that wait, say) is
 * replaced and resumes from its last committed transaction, so nothing is lost or counted twice. The changelog
 * records read into its stores are counted per store ({@link RestoreTracker}).
 */
public final class PulseStreams implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PulseStreams.class);

  private final KafkaStreams streams;
  private final PipelineMetrics metrics;
  private final CountDownLatch running = new CountDownLatch(1);
  private final AnalyticsSettings settings;
  private final RegistryWait registryWait = RegistryWait.standard();
  private final Set<String> storeNames;

  public PulseStreams(Properties streamsConfig, Topics topics, AnalyticsSettings settings) {
    this(streamsConfig, topics, settings, AlertSettings.defaults());
  }

  public PulseStreams(Properties streamsConfig, Topics topics, AnalyticsSettings settings, AlertSettings alerts) {
    this.metrics = new PipelineMetrics();
    this.settings = settings;
    Topology topology = PipelineTopology.build(topics, settings, alerts, Clock.systemUTC(), metrics, null,
        registryWait);
    this.storeNames = topology.describe().subtopologies().stream()
        .flatMap(s -> s.nodes().stream())
        .filter(n -> n instanceof TopologyDescription.Processor)
        .flatMap(n -> ((TopologyDescription.Processor) n).stores().stream())
        .collect(Collectors.toCollection(TreeSet::new));
    this.streams = new KafkaStreams(topology, streamsConfig);
    RestoreTracker restores = new RestoreTracker(metrics);
    streams.setGlobalStateRestoreListener(restores);
    streams.setStandbyUpdateListener(restores);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; replacing it, it resumes from the last commit", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((newState, oldState) -> {
      LOG.info("streams state {} -> {}", oldState, newState);
      if (newState == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
  }

  public PulseStreams start() {
    streams.start();
    return this;
  }

  /** Waits until the instance has been RUNNING once; false on timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public CampaignQueries queries() {
    return new CampaignQueries(streams, settings.zone());
  }

  public PipelineMetrics metrics() {
    return metrics;
  }

  /** The names of the topology's state stores. */
  public Set<String> storeNames() {
    return Collections.unmodifiableSet(storeNames);
  }

  /** The Kafka Streams instance, for its metrics. */
  public KafkaStreams kafkaStreams() {
    return streams;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** Closes cleanly and leaves the group, so another instance takes the partitions over at once. */
  public void close(Duration timeout) {
    registryWait.cancel(); // a stream thread waiting for the registry gives up, so that it can stop
    if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(timeout))) {
      LOG.warn("streams did not close within {}", timeout);
    }
  }
}
