package io.campaignpulse.app.config;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.serde.AvroWireSerde;
import io.campaignpulse.serde.SerdeConfig;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * All settings of one run, and the only place that turns them into Kafka client properties. Values come from
 * command-line flags, whose defaults come from environment variables (see the README's configuration table);
 * a properties file can add or override any Kafka client setting, SASL and TLS included.
 */
public record PulseConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    TopicNames topicNames,
    int partitions,
    short replicationFactor,
    String applicationId,
    Path stateDir,
    long commitIntervalMs,
    int numStandbyReplicas,
    Path clientConfigFile,
    Path producerConfigFile,
    ZoneId timeZone,
    Duration grace,
    AlertSettings alerts,
    URI alertWebhook,
    Path streamsConfigFile,
    boolean ordersFromInput,
    int streamThreads) {

  public PulseConfig {
    if (streamThreads < 1) {
      throw new IllegalArgumentException("at least one stream thread: " + streamThreads);
    }
  }

  /**
   * How long the main consumer's blocking calls wait with {@code --orders-state-from-input}: well under the
   * smallest session timeout a broker allows by default (6 s), see {@link #streamsProperties(String)}.
   */
  public static final Duration REBALANCE_LOOKUP_TIMEOUT = Duration.ofSeconds(3);

  /** Whether {@code orders-latest-store} is restored from the orders topic by default ({@code streams}' default). */
  public static final boolean DEFAULT_ORDERS_FROM_INPUT = true;

  /** Settings with the default store restore and one stream thread. */
  public PulseConfig(String bootstrapServers, String schemaRegistryUrl, TopicNames topicNames, int partitions,
      short replicationFactor, String applicationId, Path stateDir, long commitIntervalMs, int numStandbyReplicas,
      Path clientConfigFile, Path producerConfigFile, ZoneId timeZone, Duration grace, AlertSettings alerts,
      URI alertWebhook, Path streamsConfigFile) {
    this(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor, applicationId, stateDir,
        commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile, timeZone, grace, alerts,
        alertWebhook, streamsConfigFile, DEFAULT_ORDERS_FROM_INPUT, 1);
  }

  /** Settings without a streams-only properties file. */
  public PulseConfig(String bootstrapServers, String schemaRegistryUrl, TopicNames topicNames, int partitions,
      short replicationFactor, String applicationId, Path stateDir, long commitIntervalMs, int numStandbyReplicas,
      Path clientConfigFile, Path producerConfigFile, ZoneId timeZone, Duration grace, AlertSettings alerts,
      URI alertWebhook) {
    this(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor, applicationId, stateDir,
        commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile, timeZone, grace, alerts,
        alertWebhook, null);
  }

  /** Settings with the default alert rules and no webhook. */
  public PulseConfig(String bootstrapServers, String schemaRegistryUrl, TopicNames topicNames, int partitions,
      short replicationFactor, String applicationId, Path stateDir, long commitIntervalMs, int numStandbyReplicas,
      Path clientConfigFile, Path producerConfigFile, ZoneId timeZone, Duration grace) {
    this(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor, applicationId, stateDir,
        commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile, timeZone, grace,
        AlertSettings.defaults(), null);
  }

  /** Settings with the default time zone and grace period of the analytics. */
  public PulseConfig(String bootstrapServers, String schemaRegistryUrl, TopicNames topicNames, int partitions,
      short replicationFactor, String applicationId, Path stateDir, long commitIntervalMs, int numStandbyReplicas,
      Path clientConfigFile, Path producerConfigFile) {
    this(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor, applicationId, stateDir,
        commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile, AnalyticsSettings.DEFAULT_ZONE,
        AnalyticsSettings.DEFAULT_GRACE);
  }

  /** Settings without a producer-only properties file. */
  public PulseConfig(String bootstrapServers, String schemaRegistryUrl, TopicNames topicNames, int partitions,
      short replicationFactor, String applicationId, Path stateDir, long commitIntervalMs, int numStandbyReplicas,
      Path clientConfigFile) {
    this(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor, applicationId, stateDir,
        commitIntervalMs, numStandbyReplicas, clientConfigFile, null);
  }

  /** The same settings with another state directory, as another instance of the app on the same machine has. */
  public PulseConfig withStateDir(Path dir) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, dir, commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile, timeZone, grace,
        alerts, alertWebhook, streamsConfigFile, ordersFromInput, streamThreads);
  }

  /** The same settings with {@code num.standby.replicas} set to {@code replicas}. */
  public PulseConfig withStandbyReplicas(int replicas) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, stateDir, commitIntervalMs, replicas, clientConfigFile, producerConfigFile, timeZone, grace,
        alerts, alertWebhook, streamsConfigFile, ordersFromInput, streamThreads);
  }

  /** The same settings, with a properties file applied to producers only, after the client properties file. */
  public PulseConfig withProducerConfig(Path file) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, stateDir, commitIntervalMs, numStandbyReplicas, clientConfigFile, file, timeZone, grace,
        alerts, alertWebhook, streamsConfigFile, ordersFromInput, streamThreads);
  }

  /** The same settings with another time zone and grace period for the hourly and daily series. */
  public PulseConfig withAnalytics(ZoneId zone, Duration gracePeriod) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, stateDir, commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile, zone,
        gracePeriod, alerts, alertWebhook, streamsConfigFile, ordersFromInput, streamThreads);
  }

  /** The same settings with other alert rules and webhook ({@code null}: none). */
  public PulseConfig withAlerts(AlertSettings alertSettings, URI webhook) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, stateDir, commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile,
        timeZone, grace, alertSettings, webhook, streamsConfigFile, ordersFromInput, streamThreads);
  }

  /** The same settings, with a properties file applied to the streams app only, after the client properties file. */
  public PulseConfig withStreamsConfig(Path file) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, stateDir, commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile,
        timeZone, grace, alerts, alertWebhook, file, ordersFromInput, streamThreads);
  }

  /** The same settings, with the orders topic as the changelog of {@code orders-latest-store} or not. */
  public PulseConfig withOrdersFromInput(boolean fromInput) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, stateDir, commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile,
        timeZone, grace, alerts, alertWebhook, streamsConfigFile, fromInput, streamThreads);
  }

  /** The same settings with {@code num.stream.threads} set to {@code threads}. */
  public PulseConfig withStreamThreads(int threads) {
    return new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames, partitions, replicationFactor,
        applicationId, stateDir, commitIntervalMs, numStandbyReplicas, clientConfigFile, producerConfigFile,
        timeZone, grace, alerts, alertWebhook, streamsConfigFile, ordersFromInput, threads);
  }

  /** How the analytics count time; deltas are emitted once per commit interval. */
  public AnalyticsSettings analytics() {
    return new AnalyticsSettings(timeZone, grace, Duration.ofMillis(commitIntervalMs)).withOrdersFromInput(
        ordersFromInput);
  }

  /** Settings every Kafka client of this run shares: bootstrap servers plus the client properties file. */
  public Properties commonProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (clientConfigFile != null) {
      props.putAll(load(clientConfigFile));
    }
    return props;
  }

  public Properties adminProperties() {
    Properties props = commonProperties();
    props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, applicationId + "-admin");
    return props;
  }

  /** The webhook notifier's consumer: a group of its own, so it keeps its place in budget-alerts across runs. */
  public Properties alertWebhookProperties() {
    Properties props = commonProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-alert-webhook");
    props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, applicationId + "-alert-webhook");
    return props;
  }

  /** The API's live feed: a group-less reader of the outputs, so each instance streams every change. */
  public Properties liveFeedProperties() {
    Properties props = commonProperties();
    props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, applicationId + "-live-feed");
    return props;
  }

  /**
   * The streams app: exactly-once v2, event-time stream, state under {@code stateDir}. The commit interval
   * bounds how stale the published totals may be (100 ms by default under exactly-once).
   */
  public Properties streamsProperties() {
    return streamsProperties(null);
  }

  /**
   * As {@link #streamsProperties()}, advertising {@code applicationServer} ({@code host:port} of this instance's
   * API; null for none) so the instances can find which of them holds a key.
   */
  public Properties streamsProperties(String applicationServer) {
    Properties props = new Properties();
    if (applicationServer != null) {
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(numStandbyReplicas));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // No join needs inputs aligned in time, so a task never waits for an empty partition (the fair topics are
    // often empty while orders flow); with idling enabled every loop also formatted log text for them.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
    // Under transactions v2 (Kafka 4) the first sends of a new transaction can meet CONCURRENT_TRANSACTIONS while the
    // previous commit's markers are written, and sends queued behind them are refused as out of order until it
    // passes; each retry waits retry.backoff.ms (100 ms by default, as long as a whole commit interval). Retrying
    // after 10 ms bounds that stall. On an idle machine the difference was within noise (about 10k events/s after
    // start-up either way); the streams benchmark of the analytics issue is where to measure it properly.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), "10");
    if (ordersFromInput) {
      // With the orders topic as a changelog, the group leader's assignor asks for the group's committed offsets of
      // the orders partitions (a source changelog's end) in the rebalance, with the main consumer's blocking
      // committed(). An instance killed between adding its offsets to a transaction and committing it leaves them
      // unstable until the broker aborts that transaction (10 s and more), and the consumer retries for
      // default.api.timeout.ms (60 s): the leader stalls the rebalance, and with a short session timeout is
      // dropped from the group, whose other members then restore its tasks from scratch. Bounded, the lookup
      // times out, the assignor falls back to the previous owners and a follow-up rebalance places the tasks by
      // their lags once the offsets are stable (KafkaStreams' own fallback). Other blocking calls of the main
      // consumer that time out are retried within task.timeout.ms.
      props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG),
          Long.toString(REBALANCE_LOOKUP_TIMEOUT.toMillis()));
    }
    // the files may override any of the above: the client properties, then the streams properties
    props.putAll(commonProperties());
    if (streamsConfigFile != null) {
      props.putAll(load(streamsConfigFile));
    }
    return props;
  }

  /**
   * Producers of events: idempotent and acks=all so a retry never duplicates or loses a record; lz4 batches
   * of up to 64 KiB, lingering 10 ms, trade a little latency for throughput. Values are pre-serialized. The client
   * properties file, then the producer properties file, may override any of it.
   */
  public Properties producerProperties(String clientId) {
    Properties props = new Properties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.putAll(commonProperties());
    if (producerConfigFile != null) {
      props.putAll(load(producerConfigFile));
    }
    return props;
  }

  /** Configuration of the Avro wire-format serdes. */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    return config;
  }

  /** The typed topic registry, with registry-backed Avro serdes. */
  public Topics topics() {
    return topics(topicNames);
  }

  /** Typed topics of other names (a replay's own outputs), with the same registry-backed Avro serdes. */
  public Topics topics(TopicNames names) {
    Map<String, Object> serdeConfig = serdeConfig();
    return new Topics(names, new Topics.AvroSerdeFactory() {
      @Override
      public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return AvroWireSerde.forType(type, serdeConfig, false);
      }
    });
  }

  private static Properties load(Path file) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      // a usage problem, said in one line by the command line's error handler
      throw new io.campaignpulse.app.kafka.StartupException("cannot read the properties file " + file + ": " + e, e);
    }
    return props;
  }
}
