package io.campaignpulse.app;

import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.serde.AvroWireDeserializer;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The live pipeline on real parts, for integration tests: Kafka's KRaft test-kit broker in this JVM, Apicurio
 * Registry as a child process (shared by the test classes, {@link SharedRegistry}), and the streams app with its HTTP API, RUNNING when {@link #start} returns. Reads
 * the published totals back in the reference model's terms.
 */
public final class LivePipeline implements AutoCloseable {

  private static final HttpClient SERVED_HTTP = HttpClient.newHttpClient();
  private static final com.fasterxml.jackson.databind.ObjectMapper SERVED_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  public final TestCluster cluster;
  public final LocalSchemaRegistry registry;
  public final PulseConfig config;
  public final PipelineService service;
  private final HttpClient http = HttpClient.newHttpClient();

  private LivePipeline(TestCluster cluster, LocalSchemaRegistry registry, PulseConfig config, PipelineService service) {
    this.cluster = cluster;
    this.registry = registry;
    this.config = config;
    this.service = service;
  }

  /** Starts everything under {@code dir} with 3 partitions per topic; fails unless the app is RUNNING within 60 s. */
  public static LivePipeline start(Path dir, String applicationId) throws Exception {
    return start(dir, applicationId, AnalyticsSettings.DEFAULT_GRACE);
  }

  /** As {@link #start(Path, String)}, with another grace period for the hourly and daily series. */
  public static LivePipeline start(Path dir, String applicationId, Duration grace) throws Exception {
    return start(dir, applicationId, config -> config.withAnalytics(AnalyticsSettings.DEFAULT_ZONE, grace));
  }

  /** As {@link #start(Path, String)}, with the test's changes to the app's settings. */
  public static LivePipeline start(Path dir, String applicationId, UnaryOperator<PulseConfig> settings)
      throws Exception {
    TestCluster cluster = TestCluster.start();
    PipelineService service = null;
    try {
      LocalSchemaRegistry registry = SharedRegistry.get();
      PulseConfig config = settings.apply(new PulseConfig(cluster.bootstrapServers(), registry.url(),
          TopicNames.defaults(), 3, (short) 1, applicationId, dir.resolve("state"), 100, 0, null));
      service = PipelineService.start(config, "127.0.0.1", 0);
      if (!service.streams().awaitRunning(Duration.ofSeconds(60))) {
        throw new IllegalStateException("streams app not RUNNING after 60 s: " + service.streams().state());
      }
      return new LivePipeline(cluster, registry, config, service);
    } catch (Exception | Error e) {
      closeAll(service, cluster);
      throw e;
    }
  }

  /**
   * Starts another instance of the app: the same application id, its own state directory and API port; fails
   * unless it is RUNNING within 60 s. The caller closes it.
   */
  public PipelineService startInstance(Path stateDir) throws InterruptedException {
    PipelineService other = PipelineService.start(config.withStateDir(stateDir), "127.0.0.1", 0);
    if (!other.streams().awaitRunning(Duration.ofSeconds(60))) {
      other.close();
      throw new IllegalStateException("second instance not RUNNING after 60 s: " + other.streams().state());
    }
    return other;
  }

  /** GET on one instance's API. */
  public HttpResponse<String> get(PipelineService instance, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.httpPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public TopicNames topics() {
    return config.topicNames();
  }

  /**
   * Sends one test event (order, fair sale or gate report) to its topic, keyed by its entity id with its event time
   * as timestamp, as the producers do, and tells the reference model.
   */
  public void send(KafkaProducer<String, SpecificRecord> producer, Object event, ReferenceModel reference) {
    send(producer, topics(), event);
    reference.event(event);
  }

  /**
   * Sends one test event to its topic, keyed by its entity id with its event time as timestamp; the future says
   * whether the broker took it.
   */
  public static Future<RecordMetadata> send(KafkaProducer<String, SpecificRecord> producer, TopicNames topics,
      Object event) {
    long time = io.campaignpulse.streams.Events.eventTime(event).toEpochMilli();
    List<Future<RecordMetadata>> sent = new ArrayList<>(1);
    io.campaignpulse.streams.Events.dispatch(event,
        o -> sent.add(producer.send(new ProducerRecord<>(topics.orders(), null, time, o.getOrderId(), o))),
        s -> sent.add(producer.send(new ProducerRecord<>(topics.fairSales(), null, time, s.getFairId(), s))),
        v -> sent.add(producer.send(new ProducerRecord<>(topics.fairVisits(), null, time, v.getFairId(), v))));
    return sent.get(0);
  }

  /**
   * The totals an app's API on {@code httpPort} serves for {@code campaigns}, in the reference model's terms; a
   * campaign not served yet (any answer but 200) is absent.
   */
  public static Map<String, ReferenceModel.Totals> served(int httpPort, Iterable<String> campaigns)
      throws java.io.IOException, InterruptedException {
    Map<String, ReferenceModel.Totals> served = new TreeMap<>();
    for (String id : campaigns) {
      HttpResponse<String> response = SERVED_HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + httpPort + "/api/campaigns/" + id)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        served.put(id, totals(SERVED_JSON.readTree(response.body())));
      }
    }
    return served;
  }

  /** A campaign as the API answers it, in the reference model's terms. */
  public static ReferenceModel.Totals totals(com.fasterxml.jackson.databind.JsonNode c) {
    return new ReferenceModel.Totals(c.get("orders").asLong(), c.get("pendingOrders").asLong(),
        c.get("orderConsumptionFen").asLong(), c.get("subsidyFen").asLong(), c.get("pendingSubsidyFen").asLong(),
        c.get("fairSales").asLong(), c.get("fairSalesFen").asLong(), c.get("visitors").asLong(),
        c.get("lastEventTime").isTextual() ? java.time.Instant.parse(c.get("lastEventTime").asText()).toEpochMilli()
            : Long.MIN_VALUE);
  }

  /** GET on the app's API. */
  public HttpResponse<String> get(String path) throws Exception {
    return get(service, path);
  }

  /**
   * Reads {@code campaign-totals} (read_committed) until the latest totals per campaign equal {@code expected} or the
   * timeout passes; returns the latest totals read, for the caller to assert on.
   */
  public Map<String, ReferenceModel.Totals> publishedTotalsUntil(Map<String, ReferenceModel.Totals> expected,
      Duration timeout) {
    AvroWireDeserializer<CampaignTotals> reader = new AvroWireDeserializer<>(CampaignTotals.class);
    reader.configure(config.serdeConfig(), false);
    try {
      return toTotals(TestCluster.latestByKey(cluster.readUntil(topics().campaignTotals(), reader,
          read -> toTotals(TestCluster.latestByKey(read)).equals(expected), timeout)));
    } finally {
      reader.close();
    }
  }

  /** Published totals in the reference model's terms. */
  public static Map<String, ReferenceModel.Totals> toTotals(Map<String, CampaignTotals> published) {
    Map<String, ReferenceModel.Totals> result = new TreeMap<>();
    published.forEach((id, t) -> result.put(id, new ReferenceModel.Totals(t.getOrders(), t.getPendingOrders(),
        t.getOrderConsumptionFen(), t.getSubsidyFen(), t.getPendingSubsidyFen(), t.getFairSales(),
        t.getFairSalesFen(), t.getVisitors(),
        t.getLastEventTime() == null ? Long.MIN_VALUE : t.getLastEventTime().toEpochMilli())));
    return result;
  }

  @Override
  public void close() throws Exception {
    closeAll(service, cluster);
  }

  /** Closes the app and the broker; the shared registry stays for the next test class. */
  private static void closeAll(PipelineService service, TestCluster cluster) throws Exception {
    try {
      if (service != null) {
        service.close();
      }
    } finally {
      cluster.close();
    }
  }
}
