package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.campaignpulse.streams.query.BudgetView;
import io.campaignpulse.streams.query.CampaignView;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@code bench query} that can go wrong without a broker: HTTP response framing, the load
 * generator's window accounting and error counting, wrk's figures, the body checks, the report.
 */
class QueryBenchPartsTest {

  private static final ObjectMapper API_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS); // as ApiServer writes its bodies

  @Test
  void readsResponsesByContentLengthAndChunkedOnOneKeptAliveStream() throws IOException {
    InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        + "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"b\"\r\n3\r\n:2}\r\n0\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    HttpConnection.Response first = HttpConnection.read(in);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text()).isEqualTo("{\"a\":1}");
    assertThat(first.close()).isFalse();
    HttpConnection.Response second = HttpConnection.read(in);
    assertThat(second.status()).isEqualTo(404);
    assertThat(second.text()).isEqualTo("{\"b\":2}");
    HttpConnection.Response third = HttpConnection.read(in);
    assertThat(third.body()).isEmpty();
    assertThat(third.close()).isTrue();
    assertThat(HttpConnection.read(stream("HTTP/1.0 200 OK\r\n\r\nuntil the end")).text()).isEqualTo("until the end");
  }

  @Test
  void aCutOffOrGarbledResponseIsAnIoError() {
    assertThatThrownBy(() -> HttpConnection.read(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> HttpConnection.read(stream(""))).isInstanceOf(EOFException.class)
        .hasMessageContaining("closed by the server");
    assertThatThrownBy(() -> HttpConnection.read(stream("SSH-2.0-OpenSSH\r\n\r\n"))).isInstanceOf(IOException.class)
        .hasMessageContaining("not an HTTP/1.x status line");
    assertThat(new String(HttpConnection.get("127.0.0.1", 8080, "/health"), StandardCharsets.US_ASCII))
        .isEqualTo("GET /health HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n");
  }

  @Test
  void onlyGoodResponsesInsideTheWindowAreTimedButEveryFailureCounts() {
    long ms = 1_000_000;
    LoadTally a = new LoadTally(1_000 * ms, 2_000 * ms);
    a.ok(500 * ms, 510 * ms); // warm-up
    a.ok(995 * ms, 1_005 * ms); // straddles the start
    a.ok(1_000 * ms, 1_001 * ms);
    a.ok(1_500 * ms, 1_503 * ms);
    a.ok(1_999 * ms, 2_001 * ms); // cut off at the end
    a.status(503, "/api/campaigns/X", "{\"error\":\"not_ready\"}");
    LoadTally b = new LoadTally(1_000 * ms, 2_000 * ms);
    b.ok(1_200 * ms, 1_202 * ms);
    b.badBody("/api/campaigns/Y", "campaignId Z where Y was asked for");
    b.ioError("/health", new EOFException("connection closed by the server"));
    a.add(b);

    LoadResult r = a.result("gen", "target", 2, 0.5);
    assertThat(r.requests()).isEqualTo(3);
    assertThat(a.outsideWindow()).isEqualTo(3);
    assertThat(r.seconds()).isEqualTo(1.0);
    assertThat(r.requestsPerSec()).isEqualTo(3.0);
    assertThat(r.p50Ms()).isCloseTo(2.0, within(0.01));
    assertThat(r.maxMs()).isCloseTo(3.0, within(0.01));
    assertThat(r.p999Ms()).isCloseTo(3.0, within(0.01));
    assertThat(r.non200()).isEqualTo(1);
    assertThat(r.badBodies()).isEqualTo(1);
    assertThat(r.ioErrors()).isEqualTo(1);
    assertThat(r.errors()).isEqualTo(3);
    assertThat(r.firstError()).isEqualTo("HTTP 503 for /api/campaigns/X: {\"error\":\"not_ready\"}");
    assertThat(r.generatorCores()).isEqualTo(0.5);
    assertThat(new LoadTally(0, ms).result("gen", "t", 1, 0).p50Ms()).isNaN();
  }

  @Test
  void theGeneratorCountsWhatALocalServerAnswers() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(path.endsWith("/500") ? 500 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      HttpLoad.BodyCheck check = (path, body) -> new String(body, StandardCharsets.UTF_8).contains(path) ? null
          : "wrong path";
      LoadResult good = HttpLoad.start(new HttpLoad.Plan("127.0.0.1", port, List.of("/a", "/b"), 3,
          Duration.ofMillis(100), Duration.ofMillis(300), 1), check).await("good");
      assertThat(good.requests()).isPositive();
      assertThat(good.errors()).isZero();
      assertThat(good.connections()).isEqualTo(3);
      assertThat(good.seconds()).isEqualTo(0.3);
      assertThat(good.p50Ms()).isPositive().isLessThanOrEqualTo(good.maxMs());

      LoadResult bad = HttpLoad.start(new HttpLoad.Plan("127.0.0.1", port, List.of("/500", "/b"), 2,
          Duration.ZERO, Duration.ofMillis(200), 1), (path, body) -> path.equals("/b") ? "refused" : null)
          .await("bad");
      assertThat(bad.requests()).isZero();
      assertThat(bad.non200()).isPositive();
      assertThat(bad.badBodies()).isPositive();
      assertThat(bad.firstError()).containsAnyOf("HTTP 500 for /500", "bad body for /b: refused");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theChildGeneratorsResultLineReadsBackAsItWasWritten() {
    LoadResult r = new LoadResult("x", "t", 8, 20, 12_345, 1.5, 2.25, 7.125, 30.5, 99.0, 2, 1, 0,
        "HTTP 503 for /api/campaigns/X: {}", Double.NaN);
    String output = "some warning\n" + LoadMain.line(r) + "\n" + LoadMain.FIRST_ERROR + r.firstError() + "\n";
    LoadResult back = ChildLoad.parse(output, "Java, own JVM", "detail", 8, 3.0);
    assertThat(back).isEqualTo(new LoadResult("Java, own JVM", "detail", 8, 20, 12_345, 1.5, 2.25, 7.125, 30.5, 99.0,
        2, 1, 0, "HTTP 503 for /api/campaigns/X: {}", 3.0));
    LoadResult empty = ChildLoad.parse(LoadMain.line(new LoadTally(0, 1_000_000).result("x", "t", 1, Double.NaN)),
        "g", "t", 1, Double.NaN);
    assertThat(empty.requests()).isZero();
    assertThat(empty.p50Ms()).isNaN();
    assertThat(empty.firstError()).isNull();
    assertThatThrownBy(() -> ChildLoad.parse("Error: Could not find or load main class", "g", "t", 1, 0))
        .isInstanceOf(BenchException.class).hasMessageContaining("Could not find");
  }

  @Test
  void aClosedPortIsOneBenchError() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThatThrownBy(() -> HttpLoad.start(new HttpLoad.Plan("127.0.0.1", port, List.of("/"), 1, Duration.ZERO,
        Duration.ofMillis(100), 1), (p, b) -> null)).isInstanceOf(BenchException.class)
        .hasMessageContaining("cannot connect");
  }

  @Test
  void detailBodiesMustBeTheRequestedCampaignView() throws IOException {
    QueryChecks checks = new QueryChecks();
    CampaignView view = new CampaignView("TI-2024-01", "川汇区 home appliance trade-in 1", "TRADE_IN", "川汇区",
        5_000_000L, 12, 3, 1_234_500, 1_200_000, 0, 0, 98_700, 1_000, 0, Instant.parse("2024-05-06T02:00:00Z"),
        new BudgetView(5_000_000, 98_700, 1_000, new BigDecimal("1.97"), 4_000, Instant.parse("2024-09-01T00:00:00Z"),
            java.util.List.of(50, 80, 90, 100)));
    byte[] body = API_JSON.writeValueAsBytes(view);
    assertThat(checks.campaign("/api/campaigns/TI-2024-01", body)).isNull();
    assertThat(checks.servingProblem("/api/campaigns/TI-2024-01", body)).isNull();
    assertThat(checks.campaign("/api/campaigns/TI-2024-02", body)).contains("where TI-2024-02 was asked for");
    assertThat(checks.campaign("/api/campaigns/TI-2024-01", "{\"campaignId\":\"TI-2024-01\"}".getBytes(
        StandardCharsets.UTF_8))).startsWith("not a CampaignView");
    assertThat(checks.campaign("/api/campaigns/TI-2024-01", "[]".getBytes(StandardCharsets.UTF_8)))
        .startsWith("not a CampaignView");
    CampaignView empty = new CampaignView("TI-2024-01", null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, null,
        null);
    byte[] emptyBody = API_JSON.writeValueAsBytes(empty);
    assertThat(checks.campaign("/api/campaigns/TI-2024-01", emptyBody)).isNull();
    assertThat(checks.servingProblem("/api/campaigns/TI-2024-01", emptyBody)).contains("no orders");

    assertThat(checks.health("/health", "{\"status\":\"UP\",\"streams\":\"RUNNING\"}".getBytes(
        StandardCharsets.UTF_8))).isNull();
    assertThat(checks.health("/health", "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8))).isNotNull();
    assertThat(checks.health("/health", "<html>".getBytes(StandardCharsets.UTF_8))).startsWith("not JSON");
  }

  @Test
  void wrkFiguresAreReadFromTheScriptsLine() {
    String output = "Running 20s test @ http://127.0.0.1:1234/api/campaigns/TI-2024-01\n"
        + "  2 threads and 16 connections\n"
        + "QBENCH requests=200000 duration_us=20000000 p50_us=1500 p90_us=2500 p99_us=4000 p999_us=9000 "
        + "max_us=25000 status=0 connect=0 read=0 write=0 timeout=0\n";
    LoadResult r = WrkRun.parse(output, "wrk 4.1.0, 2 threads", "detail", 16);
    assertThat(r.requestsPerSec()).isEqualTo(10_000.0);
    assertThat(r.p50Ms()).isEqualTo(1.5);
    assertThat(r.p999Ms()).isEqualTo(9.0);
    assertThat(r.maxMs()).isEqualTo(25.0);
    assertThat(r.errors()).isZero();
    assertThat(r.badBodies()).isEqualTo(LoadResult.NOT_CHECKED);
    assertThat(r.generatorCores()).isNaN();

    LoadResult failed = WrkRun.parse(output.replace("status=0", "status=7").replace("timeout=0", "timeout=2"),
        "wrk", "detail", 16);
    assertThat(failed.errors()).isEqualTo(9);
    assertThat(failed.firstError()).contains("7 responses not 2xx/3xx").contains("timeout 2");
    assertThatThrownBy(() -> WrkRun.parse("unable to connect to 127.0.0.1:1 Connection refused", "wrk", "d", 1))
        .isInstanceOf(BenchException.class).hasMessageContaining("Connection refused");
    assertThat(WrkRun.script(List.of("/api/campaigns/A", "/x\"y"))).contains("local paths = {\"/api/campaigns/A\", "
        + "\"/x\\\"y\"}").contains("latency:percentile(99.9)");
  }

  @Test
  void reportShowsEveryPhaseWithRatiosAndFailsOnAnyError() {
    QueryReport report = report(0);
    String text = report.render();
    assertThat(report.passed()).isTrue();
    assertThat(text).contains("| GET /api/campaigns/{id}, ours | 8,000 | 2.00 | 3.00 | 5.00 | 9.00 | 20.0 | 0 | 1,990 "
        + "| 120 | 1.60 | 0.20 | 1.000 |");
    assertThat(text).contains("CPU per detail request in the app's JVM").contains(": 200 µs with our generator");
    assertThat(text).contains("| GET /health, ours | 16,000 |").contains("| 0.500 |");
    assertThat(text).contains("| Kafka ProducerPerformance: 200,000 records of 120 B").contains("| 0.0400 |");
    assertThat(text).contains("requests/s x0.500, p50 x2.00").contains("our generator against wrk")
        .contains("none: PASSED").doesNotContain("NaN");

    QueryReport failed = report(2);
    assertThat(failed.passed()).isFalse();
    assertThat(failed.render()).contains("FAILED").contains("HTTP 503");
  }

  @Test
  void commandLineBuildsThePlan() {
    picocli.CommandLine.ParseResult parsed = BenchMain.commandLine().parseArgs("query", "--connections", "64",
        "--ingest-rate", "0", "--seconds", "7", "--no-wrk", "--partitions", "3", "--work-dir", "/tmp/q");
    QueryBenchCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();

    QueryBenchmark.Plan plan = command.plan();

    assertThat(plan.connections()).isEqualTo(64);
    assertThat(plan.ingestRate()).isZero();
    assertThat(plan.seconds()).isEqualTo(7);
    assertThat(plan.warmupSeconds()).isEqualTo(5);
    assertThat(plan.useWrk()).isFalse();
    assertThat(plan.partitions()).isEqualTo(3);
    assertThat(plan.historyEvents()).isEqualTo(200_000);
    assertThat(plan.historyOrders()).isEqualTo(70_000);
    assertThat(plan.commitIntervalMs()).isEqualTo(100);
    assertThat(plan.workDir()).hasToString("/tmp/q");
    QueryBenchCommand bad = BenchMain.commandLine().parseArgs("query", "--bootstrap-servers", "h:1").subcommand()
        .commandSpec().commandLine().getCommand();
    assertThatThrownBy(bad::plan).hasMessageContaining("go together");
  }

  private static QueryReport report(long errors) {
    QueryReport.Setup setup = new QueryReport.Setup(LocalDate.of(2026, 11, 30), 200_000, 70_000, 20, 6, 100, 2_000,
        16, 5, 20, "local KRaft broker", 2, 120);
    QueryReport.Phase detail = phase("GET /api/campaigns/{id}", 160_000, 2.0, errors);
    QueryReport.Phase health = phase("GET /health", 320_000, 1.0, 0);
    return new QueryReport(setup, new Throughput(200_000, 200_000, 20), new QueryReport.History(3.2, 25.0, 20),
        new QueryReport.Ingest(2_000, 190_000, false, 1.5), detail, health, phase("GET /api/campaigns/{id}", 170_000,
        1.9, 0), phase("GET /health", 330_000, 0.9, 0), null);
  }

  private static QueryReport.Phase phase(String target, long requests, double p50, long errors) {
    LoadResult load = new LoadResult("ours", target, 16, 20, requests, p50, p50 * 1.5, p50 * 2.5, p50 * 4.5,
        p50 * 10, errors, 0, 0, errors > 0 ? "HTTP 503 for /api/campaigns/X: {}" : null, 4.0);
    return new QueryReport.Phase(load, 1_990, 120, 1.6, 0.3);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
