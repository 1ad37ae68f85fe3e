package io.campaignpulse.replay;

import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.query.CampaignQueries;
import io.campaignpulse.streams.scope.InputScope;
import io.campaignpulse.streams.decode.RegistryWait;
import io.campaignpulse.streams.topology.PipelineTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * One Kafka Streams application running the live topology over a replay's scope: its own application id (so its
 * own consumer group, internal topics and state), at-least-once (a failure ends the replay instead of retrying, so
 * nothing is counted twice), throwaway in-memory stores, and alerts stamped with a fixed clock so two runs of the
 * same replay are alike. A stream thread that fails stops the application and the replay reports the error.
 */
final class ReplayRun implements AutoCloseable {

  /** The emit time stamped on a replay's alerts: replays emit nothing live. */
  static final Instant ALERT_CLOCK = Instant.EPOCH;

  private final String applicationId;
  private final KafkaStreams streams;
  /** A record whose schema must be looked up waits for an unreachable registry, as in the live pipeline. */
  private final RegistryWait registryWait = RegistryWait.standard();
  private final PipelineMetrics metrics = new PipelineMetrics();
  private final InputScope scope;
  private final AnalyticsSettings settings;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile long runningNanos = -1;

  ReplayRun(String applicationId, Properties client, Topics topics, AnalyticsSettings settings, AlertSettings alerts,
      InputScope scope, short replicationFactor, Path stateDir) {
    this.applicationId = applicationId;
    this.scope = scope;
    this.settings = settings;
    Properties props = new Properties();
    props.putAll(client);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // One stream thread: the only member of its group, so no task ever moves and the throwaway stores, without
    // changelogs, can never be lost to a rebalance. On two cores it was also the faster (bench replay, 1M events,
    // warm: 22,039 records/s with one thread, 15,107 with two, a third less CPU per record).
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.emitInterval().toMillis()));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // throughput tunables: the client settings may override them (bench replay -S)
    props.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(64L * 1024 * 1024));
    props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "2000");
    props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG),
        Integer.toString(64 * 1024 * 1024));
    this.streams = new KafkaStreams(PipelineTopology.build(topics, settings, alerts,
        Clock.fixed(ALERT_CLOCK, ZoneOffset.UTC), metrics, scope, registryWait), props);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING && runningNanos < 0) {
        runningNanos = System.nanoTime();
      }
    });
    streams.setUncaughtExceptionHandler(e -> {
      failure.compareAndSet(null, e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  String applicationId() {
    return applicationId;
  }

  void start() {
    streams.start();
  }

  /** Throws when the application failed or stopped on its own. */
  void checkAlive() {
    Throwable e = failure.get();
    if (e != null) {
      throw new ReplayException("the replay " + applicationId + " failed: " + e, e);
    }
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
        || state == KafkaStreams.State.NOT_RUNNING) {
      throw new ReplayException("the replay " + applicationId + " stopped (" + state + ")", null);
    }
  }

  /** {@code System.nanoTime()} when the application first reached RUNNING, -1 before. */
  long runningNanos() {
    return runningNanos;
  }

  boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  CampaignQueries queries() {
    return new CampaignQueries(streams, settings.zone());
  }

  PipelineMetrics metrics() {
    return metrics;
  }

  InputScope scope() {
    return scope;
  }

  @Override
  public void close() {
    registryWait.cancel(); // a stream thread waiting for the registry gives up, so that it can stop
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    streams.cleanUp();
  }
}
