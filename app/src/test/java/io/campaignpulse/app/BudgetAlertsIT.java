package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.serde.AvroWireDeserializer;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.alerts.AlertSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Budget alerts on real parts: a campaign defined with {@code campaign put}, orders crossing its thresholds, the
 * alerts on budget-alerts (read_committed), in the API and at a real local webhook that fails its first attempts;
 * then a budget cut with {@code campaign put} alerts at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetAlertsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String CAMPAIGN = "TI-2025-AUTO";
  private static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

  @TempDir
  static Path temp;

  private HttpServer webhook;
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private LivePipeline pipeline;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/alerts", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = attempts.incrementAndGet() <= 2 ? 503 : 200; // down at first
      if (status == 200) {
        delivered.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
            + json.readTree(body).get("alertId").asText());
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    webhook.start();
    URI url = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
    // forecasts off: this test is about thresholds; the forecast rules have their topology tests
    pipeline = LivePipeline.start(temp, "budget-alerts-test",
        config -> config.withAlerts(new AlertSettings(5, Duration.ofDays(3), Duration.ZERO), url));
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    webhook.stop(0);
  }

  @Test
  void thresholdsAlertOnceEachEverywhereAndABudgetCutAlertsAtOnce() throws Exception {
    String put = campaignPut("--budget-yuan", "10000"); // ¥10,000 = 1,000,000 fen
    assertThat(put).contains("published campaign " + CAMPAIGN).contains("budget ¥10,000.00");
    // the definition's record time is now, later than the orders' event times: let it arrive first, as a live
    // campaign's would, so the crossings are the orders'
    await().atMost(TIMEOUT).until(() -> {
      var response = pipeline.get("/api/campaigns/" + CAMPAIGN);
      return response.statusCode() == 200 && json.readTree(response.body()).path("budget").path("budgetFen")
          .asLong() == 1_000_000;
    });

    // the live stream: connected before the orders, it must show their totals and alerts as they are committed
    List<String> streamed = new java.util.concurrent.CopyOnWriteArrayList<>();
    var stream = java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + pipeline.service.httpPort() + "/api/stream"))
            .header("Accept", "text/event-stream").build(),
        java.net.http.HttpResponse.BodyHandlers.ofLines());
    Thread reader = new Thread(() -> stream.thenAccept(r -> r.body().forEach(streamed::add)));
    reader.setDaemon(true);
    reader.start();
    await().atMost(TIMEOUT).until(() -> pipeline.service.streamClients() == 1);

    // Orders of one campaign reach its budget stage from several input partitions; the crossing order is the
    // one whose change the stage applied when the total went over. O-3 waits for the first alert, so that here
    // the stage's order is the sending order.
    try (KafkaProducer<String, SpecificRecord> producer = producer()) {
      send(producer, order("O-1", 1, OrderStatus.APPROVED, 400_000, T0));
      send(producer, order("O-2", 1, OrderStatus.SUBMITTED, 300_000, T0.plusSeconds(60)));
      send(producer, order("O-2", 2, OrderStatus.APPROVED, 300_000, T0.plusSeconds(120))); // 70%: 50
      send(producer, order("O-2", 2, OrderStatus.APPROVED, 300_000, T0.plusSeconds(120))); // a duplicate
      producer.flush();
      assertThat(alertsUntil(1)).extracting(BudgetAlert::getOrderId).containsExactly("O-2");
      send(producer, order("O-3", 1, OrderStatus.PAID, 150_000, T0.plusSeconds(180))); // 85%: 80
      producer.flush();
    }
    List<BudgetAlert> alerts = alertsUntil(2);
    assertThat(alerts).extracting(a -> a.getAlertId() + " " + a.getOrderId() + " " + a.getSubsidyFen())
        .containsExactly(CAMPAIGN + ":THRESHOLD:50:1 O-2 700000", CAMPAIGN + ":THRESHOLD:80:1 O-3 850000");

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(String.join("\n", streamed))
        .contains("event: alert\ndata: {\"alertId\":\"" + CAMPAIGN + ":THRESHOLD:50:1\"")
        .contains("event: alert\ndata: {\"alertId\":\"" + CAMPAIGN + ":THRESHOLD:80:1\"")
        .contains("event: totals\ndata: {\"campaignId\":\"" + CAMPAIGN + "\"")
        .contains("\"subsidyFen\":850000"));
    stream.cancel(true);

    JsonNode listed = json.readTree(pipeline.get("/api/campaigns/" + CAMPAIGN + "/alerts").body());
    assertThat(listed).hasSize(2);
    assertThat(listed.get(1).get("alertId").asText()).isEqualTo(CAMPAIGN + ":THRESHOLD:80:1");
    assertThat(listed.get(1).get("subsidyFen").isIntegralNumber()).isTrue();
    JsonNode budget = json.readTree(pipeline.get("/api/campaigns/" + CAMPAIGN).body()).get("budget");
    assertThat(budget.get("grantedFen").asLong()).isEqualTo(850_000);
    assertThat(budget.get("budgetFen").asLong()).isEqualTo(1_000_000);
    assertThat(budget.get("grantedPercent").decimalValue()).isEqualByComparingTo("85.00");

    // cut to ¥8,000: 850,000 fen is 106.25% of it
    campaignPut("--budget-fen", "800000");
    List<BudgetAlert> afterCut = alertsUntil(5);
    assertThat(afterCut.subList(2, 5)).extracting(a -> a.getAlertId() + " " + a.getTrigger() + " " + a.getOrderId())
        .containsExactly(CAMPAIGN + ":THRESHOLD:90:1 BUDGET_CHANGE null",
            CAMPAIGN + ":THRESHOLD:100:1 BUDGET_CHANGE null", CAMPAIGN + ":EXPOSURE:100:1 BUDGET_CHANGE null");

    JsonNode recent = json.readTree(pipeline.get("/api/alerts?limit=10").body());
    assertThat(recent.findValuesAsText("alertId")).as("every campaign's alerts, newest first")
        .containsExactlyInAnyOrderElementsOf(afterCut.stream().map(BudgetAlert::getAlertId).toList())
        .last().isEqualTo(CAMPAIGN + ":THRESHOLD:50:1");

    await().atMost(TIMEOUT).until(() -> delivered.size() >= 5);
    assertThat(delivered).as("each alert reaches the webhook once, in order, after its first attempts failed")
        .containsExactly(afterCut.stream().map(a -> a.getAlertId() + " " + a.getAlertId()).toArray(String[]::new));
    assertThat(attempts.get()).isEqualTo(7);
  }

  private String campaignPut(String... budget) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new io.campaignpulse.app.CampaignPulse());
    cli.setOut(new PrintWriter(out));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    String[] args = new String[] {"campaign", "put", "--bootstrap-servers", pipeline.cluster.bootstrapServers(),
        "--schema-registry-url", pipeline.registry.url(), "--partitions", "3", "--id", CAMPAIGN,
        "--name", "2025 汽车以旧换新", "--kind", "TRADE_IN", "--region", "江岸区",
        "--start", "2025-01-01T00:00+08:00", "--end", "2025-12-31T23:59:59+08:00", "--thresholds", "50,80,90,100"};
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(budget))
        .toArray(String[]::new);
    int code = cli.execute(all);
    assertThat(code).as("campaign put: " + err).isZero();
    return out.toString();
  }

  private List<BudgetAlert> alertsUntil(int count) {
    AvroWireDeserializer<BudgetAlert> reader = new AvroWireDeserializer<>(BudgetAlert.class);
    reader.configure(pipeline.config.serdeConfig(), false);
    try {
      List<ConsumerRecord<String, BudgetAlert>> read = pipeline.cluster.readUntil(
          pipeline.topics().budgetAlerts(), reader, r -> r.size() >= count, TIMEOUT);
      assertThat(read).hasSize(count);
      return read.stream().map(ConsumerRecord::value).toList();
    } finally {
      reader.close();
    }
  }

  private KafkaProducer<String, SpecificRecord> producer() {
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(pipeline.config.serdeConfig(), false);
    return new KafkaProducer<>(pipeline.config.producerProperties("budget-alerts-test"), new StringSerializer(),
        values);
  }

  private void send(KafkaProducer<String, SpecificRecord> producer, TradeInOrder o) {
    producer.send(new ProducerRecord<>(pipeline.topics().orders(), null, o.getEventTime().toEpochMilli(),
        o.getOrderId(), o));
  }

  private static TradeInOrder order(String id, int version, OrderStatus status, long subsidyFen, Instant at) {
    return TradeInOrder.newBuilder().setOrderId(id).setVersion(version).setCampaignId(CAMPAIGN)
        .setCategory(Category.AUTO).setStatus(status).setPurchaseAmountFen(subsidyFen * 10)
        .setSubsidyAmountFen(subsidyFen).setMerchantId("M-1").setStreet("七一路街道").setEventTime(at).build();
  }
}
