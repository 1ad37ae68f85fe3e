package io.campaignpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.query.AlertView;
import io.campaignpulse.streams.query.AnalyticsQueries;
import io.campaignpulse.streams.query.AsOfView;
import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.CampaignView;
import io.campaignpulse.streams.query.FairView;
import io.campaignpulse.streams.query.SeriesYear;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API's operational routes and its token on a real HTTP server on loopback. The queries are a stand-in whose
 * stores can be made unavailable; the real stores are covered by the app's {@code AnalyticsApiIT}.
 */
class ApiServerTest {

  private static final String TOKEN = "s3cret-Token_42~/+==";
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<String> state = new AtomicReference<>("RUNNING");
  private final AtomicBoolean storesUp = new AtomicBoolean(true);
  private final AtomicReference<Instant> asked = new AtomicReference<>();
  private ApiServer server;

  /** Answers with no campaigns, or fails like Kafka Streams does while its stores are not queryable. */
  private final class StandInQueries implements AnalyticsQueries {

    private <T> T answer(T value) {
      if (!storesUp.get()) {
        throw new InvalidStateStoreException("store campaign-totals-store is migrating");
      }
      return value;
    }

    @Override
    public List<CampaignView> all() {
      return answer(List.of());
    }

    @Override
    public Optional<CampaignView> get(String campaignId) {
      return answer(Optional.empty());
    }

    @Override
    public Optional<AsOfView> asOf(String campaignId, Instant asOf) {
      asked.set(asOf);
      return answer(campaignId.equals("C-1") ? Optional.of(new AsOfView("C-1", "trade-in", asOf,
          asOf.truncatedTo(java.time.temporal.ChronoUnit.HOURS), "2024-05-01T17", true, 3, 1, 1_500, 1_500, 0, 0, 150,
          50, 0, new AsOfView.Budget(1_000, 150, 50, new java.math.BigDecimal("15.00")))) : Optional.empty());
    }

    @Override
    public List<Bucket> daily(String campaignId, LocalDate from, LocalDate to) {
      return answer(List.of());
    }

    @Override
    public List<Bucket> hourly(String campaignId, LocalDateTime from, LocalDateTime to) {
      return answer(List.of());
    }

    @Override
    public List<Bucket> categories(String campaignId) {
      return answer(List.of());
    }

    @Override
    public List<Bucket> streets(String campaignId) {
      return answer(List.of());
    }

    @Override
    public List<Bucket> topMerchants(String campaignId, int limit) {
      return answer(List.of());
    }

    @Override
    public List<FairView> fairs(String campaignId) {
      return answer(List.of());
    }

    @Override
    public List<Bucket> fairDaily(String campaignId, String fairId) {
      return answer(List.of());
    }

    @Override
    public List<Bucket> fairHourly(String campaignId, String fairId) {
      return answer(List.of());
    }

    @Override
    public List<AlertView> alerts(String campaignId) {
      return answer(List.of());
    }

    @Override
    public List<AlertView> recentAlerts(int limit) {
      return answer(List.of());
    }

    @Override
    public List<SeriesYear> series(String series) {
      return answer(List.of());
    }
  }

  private void start(String token) {
    server = new ApiServer(new StandInQueries(), state::get,
        new ApiServer.Options(token, () -> "# TYPE campaign_pulse_dead_letters counter\n"
            + "campaign_pulse_dead_letters_total{topic=\"tradein-orders\"} 3.0\n")).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyOnlyWhileRunningWithQueryableStores() throws Exception {
    start(null);
    assertThat(get("/ready", null)).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"ready\":true").contains("\"streams\":\"RUNNING\"");
    });

    storesUp.set(false);
    HttpResponse<String> migrating = get("/ready", null);
    assertThat(migrating.statusCode()).isEqualTo(503);
    assertThat(migrating.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(migrating.body()).contains("\"ready\":false").contains("not queryable");
    HttpResponse<String> query = get("/api/campaigns", null);
    assertThat(query.statusCode()).isEqualTo(503);
    assertThat(query.body()).contains("\"error\":\"not_ready\"").doesNotContain("at io.");

    storesUp.set(true);
    state.set("REBALANCING");
    assertThat(get("/ready", null).statusCode()).isEqualTo(503);
    assertThat(get("/health", null).statusCode()).as("alive all the same").isEqualTo(200);
  }

  @Test
  void asOfAnswersTheCampaignAsOfAnInstantOrAnOffsetDateTimeAndABadOneIs400() throws Exception {
    start(null);
    HttpResponse<String> ok = get("/api/campaigns/C-1?asOf=2024-05-01T18:30:00%2B08:00", null);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(asked.get()).isEqualTo(Instant.parse("2024-05-01T10:30:00Z"));
    var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.body());
    assertThat(body.get("asOf").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(body.get("lateEventsIncluded").asBoolean()).isTrue();
    assertThat(body.get("budget").get("grantedPercent").decimalValue()).isEqualByComparingTo("15.00");
    // an unencoded '+' arrives as a space; an instant in Z needs no offset
    assertThat(get("/api/campaigns/C-1?asOf=2024-05-01T18:30:00+08:00", null).statusCode()).isEqualTo(200);
    assertThat(asked.get()).isEqualTo(Instant.parse("2024-05-01T10:30:00Z"));
    assertThat(get("/api/campaigns/C-1?asOf=2024-05-01T10:30:00.250Z", null).statusCode()).isEqualTo(200);
    assertThat(asked.get()).isEqualTo(Instant.parse("2024-05-01T10:30:00.250Z"));
    assertThat(get("/api/campaigns/C-2?asOf=2024-05-01T10:30:00Z", null).statusCode()).as("unknown").isEqualTo(404);

    for (String bad : new String[] {"", "yesterday", "2024-05-01", "2024-05-01T10:30:00", "1714557000"}) {
      HttpResponse<String> refused = get("/api/campaigns/C-1?asOf=" + bad, null);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).contains("\"error\":\"bad_parameter\"").contains("asOf must be an ISO instant")
          .doesNotContain("at java.");
    }
    storesUp.set(false);
    assertThat(get("/api/campaigns/C-1?asOf=2024-05-01T10:30:00Z", null).statusCode()).isEqualTo(503);
  }

  @Test
  void metricsAreServedAsPrometheusText() throws Exception {
    start(null);
    HttpResponse<String> metrics = get("/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body()).contains("campaign_pulse_dead_letters_total{topic=\"tradein-orders\"} 3.0");
  }

  @Test
  void withATokenEveryApiRouteAndTheMetricsNeedIt() throws Exception {
    start(TOKEN);
    for (String path : List.of("/api/campaigns", "/api/campaigns/C-1", "/api/campaigns/C-1/daily",
        "/api/no-such-route", "/metrics")) {
      for (String authorization : new String[] {null, "Bearer wrong", "Basic " + TOKEN, "Bearer", TOKEN}) {
        HttpResponse<String> refused = get(path, authorization);
        assertThat(refused.statusCode()).as("%s with %s", path, authorization).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(refused.body()).contains("\"error\":\"unauthorized\"").doesNotContain(TOKEN);
      }
    }
    assertThat(get("/api/campaigns", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/api/campaigns/C-1", "bearer " + TOKEN).statusCode()).as("unknown campaign").isEqualTo(404);
    assertThat(get("/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/health", null).statusCode()).as("probes stay open").isEqualTo(200);
    assertThat(get("/ready", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRegisteredRoutes() throws Exception {
    start(TOKEN);
    HttpResponse<String> response = get("/openapi.json", null);
    assertThat(response.statusCode()).as("open, like the probes").isEqualTo(200);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    java.util.Set<String> documented = new java.util.TreeSet<>();
    doc.get("paths").fieldNames().forEachRemaining(path -> documented.add("GET " + path));
    java.util.Set<String> registered = new java.util.TreeSet<>(server.routes().stream()
        .filter(r -> r.startsWith("GET ") && !r.equals("GET /openapi.json")).toList());
    assertThat(documented).isEqualTo(registered);
    // the view records' fields are in their schemas, nullable where Java may hold null
    var campaign = doc.get("components").get("schemas").get("CampaignView").get("properties");
    assertThat(campaign.get("subsidyFen").get("format").asText()).isEqualTo("int64");
    assertThat(campaign.get("subsidyBudgetFen").get("nullable").asBoolean()).isTrue();
    assertThat(doc.get("components").get("schemas").get("BudgetView").get("properties").get("grantedPercent")
        .get("type").asText()).isEqualTo("number");
    assertThat(doc.get("paths").get("/api/campaigns/{id}/merchants").get("get").get("security")).isNotNull();
    var one = doc.get("paths").get("/api/campaigns/{id}").get("get");
    assertThat(one.get("parameters").findValuesAsText("name")).contains("asOf");
    assertThat(one.get("responses").get("200").toString()).contains("CampaignView").contains("AsOfView");
    assertThat(doc.get("components").get("schemas").get("AsOfView").get("properties").has("throughHour")).isTrue();
    assertThat(doc.get("paths").get("/ready").get("get").get("security")).isNull();
  }

  @Test
  void theStreamSendsEveryPublishedEventToEveryClient() throws Exception {
    start(null);
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    var response = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/stream")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    Thread reader = new Thread(() -> response.thenAccept(r -> r.body().forEach(lines::add)));
    reader.setDaemon(true);
    reader.start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (server.streamClients() < 1 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.streamClients()).isEqualTo(1);
    server.publish("alert", "{\"alertId\":\"C-1:THRESHOLD:50:1\"}");
    while (!String.join("\n", lines).contains("C-1:THRESHOLD:50:1") && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(String.join("\n", lines)).contains("event: alert\ndata: {\"alertId\":\"C-1:THRESHOLD:50:1\"}");
    response.cancel(true);
  }

  @Test
  void aTokenABearerHeaderCannotCarryIsRefusedAtStartWithoutRepeatingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("geheim ä token"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("geheim");
  }

  @Test
  void withoutATokenTheApiIsOpenAndTheOptionsNeverShowOne() throws Exception {
    start(" ");
    assertThat(get("/api/campaigns", null).statusCode()).isEqualTo(200);
    assertThat(new ApiServer.Options(TOKEN, null).toString()).doesNotContain(TOKEN).contains("(set)");
  }
}
