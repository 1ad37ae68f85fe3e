package io.campaignpulse.app;

import io.campaignpulse.api.ApiServer;
import io.campaignpulse.api.KafkaStreamsBackend;
import io.campaignpulse.app.alerts.WebhookNotifier;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.app.live.LiveFeed;
import io.campaignpulse.app.metrics.PulseMetrics;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.contract.Topic;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.PulseStreams;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app with its HTTP API, against a given cluster and registry: checks the registry (registering the
 * contract's schemas), makes sure the topics exist, starts the topology and serves its stores, and sends budget
 * alerts to a webhook when one is configured; {@code /metrics} serves {@link PulseMetrics}, {@code /api/stream}
 * the {@link LiveFeed}. The API's address is advertised as {@code application.server}, so several instances of the
 * app share the partitions and each answers for all ({@link KafkaStreamsBackend}). Closing stops the live feed and the API first, then the webhook notifier, then the streams
 * instance and its metrics.
 */
public final class PipelineService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineService.class);

  private final PulseStreams streams;
  private final ApiServer api;
  private final PulseMetrics metrics;
  private final LiveFeed feed;
  private final WebhookNotifier webhook;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private PipelineService(PulseStreams streams, ApiServer api, PulseMetrics metrics, LiveFeed feed,
      WebhookNotifier webhook) {
    this.streams = streams;
    this.api = api;
    this.metrics = metrics;
    this.feed = feed;
    this.webhook = webhook;
  }

  public static PipelineService start(PulseConfig config, String httpHost, int httpPort) {
    return start(config, ApiSettings.local(httpHost, httpPort));
  }

  /** Starts it with an API token ({@code null} or blank: the API is open). */
  public static PipelineService start(PulseConfig config, String httpHost, int httpPort, String apiToken) {
    return start(config, new ApiSettings(httpHost, httpPort, null, apiToken));
  }

  /**
   * Starts it: the API first, so its port is known and the streams app can advertise it to the other instances as
   * {@code application.server}; the API answers 503 until the streams app is attached.
   */
  public static PipelineService start(PulseConfig config, ApiSettings apiSettings) {
    SchemaBootstrap.registerAll(config.schemaRegistryUrl(), config.topicNames());
    List<String> created = TopicProvisioner.ensureTopics(config.adminProperties(), config.topicNames(),
        config.partitions(), config.replicationFactor());
    if (!created.isEmpty()) {
      LOG.info("created topics {}", created);
    }
    int partitions = TopicProvisioner.requireCopartitionedInputs(config.adminProperties(), config.topicNames());
    if (config.ordersFromInput()) {
      TopicProvisioner.requireOrdersKeptForever(config.adminProperties(), config.topicNames());
    }
    AtomicReference<PulseMetrics> scraped = new AtomicReference<>();
    ApiServer api = new ApiServer(new ApiServer.Options(apiSettings.apiToken(),
        () -> scraped.get() == null ? "" : scraped.get().scrape())).start(apiSettings.host(), apiSettings.port());
    PulseStreams streams = null;
    PulseMetrics metrics = null;
    LiveFeed feed = null;
    WebhookNotifier webhook = null;
    try {
      Topics topics = config.topics();
      primeOutputSchemas(topics);
      HostInfo self = apiSettings.advertised(api.port());
      streams = new PulseStreams(config.streamsProperties(ApiSettings.endpoint(self)), topics,
          config.analytics(), config.alerts());
      metrics = new PulseMetrics(streams.kafkaStreams(), streams.metrics(), config.topicNames(),
          streams.storeNames());
      scraped.set(metrics);
      PulseStreams started = streams;
      api.attach(new KafkaStreamsBackend(streams.kafkaStreams(), streams.queries(), self, partitions,
          config.topicNames().campaigns()), () -> started.state().name());
      streams.start();
      feed = LiveFeed.start(config.liveFeedProperties(), topics, api::publish,
          () -> api.streamClients() > 0);
      if (config.alertWebhook() != null) {
        webhook = WebhookNotifier.create(config.alertWebhookProperties(), topics.budgetAlerts(),
            config.alertWebhook());
        webhook.start();
      }
    } catch (RuntimeException e) {
      closeQuietly(feed);
      api.close();
      if (streams != null) {
        streams.close();
      }
      if (metrics != null) {
        metrics.close();
      }
      throw e;
    }
    return new PipelineService(streams, api, metrics, feed, webhook);
  }

  /**
   * Resolves the ids the app writes its outputs under now, while the registry is known to answer, so that a first
   * budget alert (rare: it may come hours after the start) needs no registry even during an outage. The live feed
   * reads the outputs with the same serdes, and so has their schemas cached too.
   */
  private static void primeOutputSchemas(Topics topics) {
    prime(topics.campaignTotals(), CampaignTotals.getClassSchema());
    prime(topics.budgetAlerts(), BudgetAlert.getClassSchema());
  }

  private static void prime(Topic<String, ?> topic, Schema schema) {
    if (topic.valueSerde().serializer() instanceof AvroWireSerializer<?> serializer) {
      serializer.schemaId(topic.name(), schema);
    }
  }

  public PulseStreams streams() {
    return streams;
  }

  /** Clients connected to {@code /api/stream}. */
  public int streamClients() {
    return api.streamClients();
  }

  public int httpPort() {
    return api.port();
  }

  /** The HTTP API, for tests in this package that stop it alone (an instance others can no longer reach). */
  ApiServer api() {
    return api;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(feed);
    api.close();
    if (webhook != null) {
      try {
        webhook.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    streams.close();
    metrics.close();
  }

  private static void closeQuietly(LiveFeed feed) {
    if (feed != null) {
      try {
        feed.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
