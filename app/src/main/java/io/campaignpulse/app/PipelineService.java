package io.campaignpulse.app;

import io.campaignpulse.api.ApiServer;
import io.campaignpulse.app.alerts.WebhookNotifier;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.app.live.LiveFeed;
import io.campaignpulse.app.metrics.PulseMetrics;
import io.campaignpulse.streams.PulseStreams;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app with its HTTP API, against a given cluster and registry: checks the registry (registering the
 * contract's schemas), makes sure the topics exist, starts the topology and serves its stores, and sends budget
 * alerts to a webhook when one is configured; {@code /metrics} serves {@link PulseMetrics}, {@code /api/stream}
 * the {@link LiveFeed}. Closing stops the live feed and the API first, then the webhook notifier, then the streams
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
    return start(config, httpHost, httpPort, null);
  }

  /** Starts it with an API token ({@code null} or blank: the API is open). */
  public static PipelineService start(PulseConfig config, String httpHost, int httpPort, String apiToken) {
    SchemaBootstrap.registerAll(config.schemaRegistryUrl(), config.topicNames());
    List<String> created = TopicProvisioner.ensureTopics(config.adminProperties(), config.topicNames(),
        config.partitions(), config.replicationFactor());
    if (!created.isEmpty()) {
      LOG.info("created topics {}", created);
    }
    TopicProvisioner.requireCopartitionedInputs(config.adminProperties(), config.topicNames());
    PulseStreams streams = new PulseStreams(config.streamsProperties(), config.topics(), config.analytics(),
        config.alerts()).start();
    ApiServer api = null;
    PulseMetrics metrics = null;
    LiveFeed feed = null;
    WebhookNotifier webhook = null;
    try {
      metrics = new PulseMetrics(streams.kafkaStreams(), streams.metrics(), config.topicNames());
      api = new ApiServer(streams.queries(), () -> streams.state().name(),
          new ApiServer.Options(apiToken, metrics::scrape)).start(httpHost, httpPort);
      ApiServer server = api;
      feed = LiveFeed.start(config.liveFeedProperties(), config.topics(), server::publish,
          () -> server.streamClients() > 0);
      if (config.alertWebhook() != null) {
        webhook = WebhookNotifier.create(config.alertWebhookProperties(), config.topics().budgetAlerts(),
            config.alertWebhook());
        webhook.start();
      }
    } catch (RuntimeException e) {
      closeQuietly(feed);
      if (api != null) {
        api.close();
      }
      if (metrics != null) {
        metrics.close();
      }
      streams.close();
      throw e;
    }
    return new PipelineService(streams, api, metrics, feed, webhook);
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
