package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalKafkaBroker;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.producers.sim.GroundTruth;
import io.campaignpulse.replay.report.ReplayReport;
import io.campaignpulse.replay.report.ReportJson;
import io.campaignpulse.replay.report.Totals;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A real Kafka broker process that admits only SASL/SCRAM-SHA-256 clients, on two listeners: SASL_PLAINTEXT, and
 * SASL_SSL with a certificate for {@code IP:127.0.0.1} from a CA made for the test ({@link TestTls}), so clients
 * keep hostname verification on. The users are written into the broker's metadata when its storage is formatted.
 * For each protocol, with nothing but a client properties file (security.protocol, sasl.*, and for TLS the trust
 * store): the streams app (schema registration and topics included), a producer of the project and
 * {@code produce simulate} count every event exactly (the API equals the reference model and the simulator's
 * ground truth), and {@code campaign-pulse replay} reports the same totals and leaves no topic or group behind.
 * With a wrong password, without the trust store, with a wrong trust store password, or reaching the broker under a
 * name its certificate does not carry, the commands stop at once with exit 1 and say why, never printing a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslScramIT {

  private static final String MECHANISM = "SCRAM-SHA-256";
  private static final String PASSWORD = "pulse-secret";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration GRACE = Duration.ofDays(3650);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String REPLAYS = "campaign-pulse-replay.";

  @TempDir
  static Path temp;

  private LocalKafkaBroker broker;
  private LocalSchemaRegistry registry;
  private TestTls tls;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    // the registry starts while the certificates are made and the broker starts
    CompletableFuture<LocalSchemaRegistry> sharedRegistry = CompletableFuture.supplyAsync(SharedRegistry::get);
    tls = TestTls.create(temp.resolve("tls"));
    // the broker's own connections log in as admin, on the SASL_PLAINTEXT listener
    broker = LocalKafkaBroker.builder(temp.resolve("broker")).partitions(3)
        .saslScram(MECHANISM, "admin", "admin-secret")
        .scramUser(MECHANISM, "pulse", PASSWORD)
        .tls(tls.keyStore(), tls.keyStorePassword(), tls.trustStore(), tls.trustStorePassword())
        .listeners("SASL_PLAINTEXT", "SASL_SSL")
        // one partition each for the group and transaction logs: the first group and transaction come up sooner
        .serverProperty("offsets.topic.num.partitions", "1")
        .serverProperty("transaction.state.log.num.partitions", "1")
        .start();
    registry = sharedRegistry.get();
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  // --- client properties files, as an operator writes them ---

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  private Path clientConfig(String name, String protocol, String password, boolean trustStore, String trustPassword)
      throws Exception {
    StringBuilder text = new StringBuilder("security.protocol=" + protocol + "\nsasl.mechanism=" + MECHANISM
        + "\nsasl.jaas.config=" + jaas("pulse", password).replace("\\", "\\\\") + "\n");
    if (trustStore) {
      text.append("ssl.truststore.type=PKCS12\nssl.truststore.location=")
          .append(tls.trustStore().toString().replace("\\", "\\\\")).append("\nssl.truststore.password=")
          .append(trustPassword).append('\n');
    }
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private Path clientConfig(String protocol) throws Exception {
    return clientConfig(prefix(protocol) + "pulse.properties", protocol, PASSWORD, protocol.endsWith("SSL"),
        tls.trustStorePassword());
  }

  /** Each protocol's run has topics of its own, so the two runs count only their own events. */
  private static String prefix(String protocol) {
    return protocol.toLowerCase(Locale.ROOT).replace('_', '-') + ".";
  }

  private static TopicNames topics(String protocol) {
    TopicNames d = TopicNames.defaults();
    String p = prefix(protocol);
    return new TopicNames(p + d.campaigns(), p + d.orders(), p + d.fairVisits(), p + d.fairSales(),
        p + d.campaignTotals(), p + d.budgetAlerts(), p + d.deadLetters(), p + d.lateEvents());
  }

  /** The command-line flags for the same cluster, registry and topics. */
  private List<String> clusterArgs(String bootstrap, String protocol, Path clientConfig) {
    TopicNames t = topics(protocol);
    List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrap,
        "--schema-registry-url", registry.url(), "--client-config", clientConfig.toString(), "--partitions", "3"));
    Map<String, String> roles = Map.of("campaigns", t.campaigns(), "orders", t.orders(), "fair-visits", t.fairVisits(),
        "fair-sales", t.fairSales(), "campaign-totals", t.campaignTotals(), "budget-alerts", t.budgetAlerts(),
        "dead-letters", t.deadLetters(), "late-events", t.lateEvents());
    roles.forEach((role, name) -> args.addAll(List.of("--topic", role + "=" + name)));
    return args;
  }

  private record Run(int code, String out, String err, long seconds) {
  }

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CampaignPulse.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    long started = System.nanoTime();
    int code = cli.execute(args.toArray(String[]::new));
    Run run = new Run(code, out.toString(), err.toString(), (System.nanoTime() - started) / 1_000_000_000L);
    System.out.println(String.join(" ", args) + " -> " + code + " in " + run.seconds() + " s\n" + run.out()
        + run.err());
    return run;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // --- the tests ---

  // SASL_SSL only: it needs the same SCRAM login as SASL_PLAINTEXT (which the broker's own connections and the
  // wrong-password case use) and TLS on top; a second whole pipeline run on SASL_PLAINTEXT added 15-20 s and no case
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SASL_SSL"})
  void withOnlyAClientPropertiesFileEveryCommandCountsEveryEventExactly(String protocol) throws Exception {
    // Given the app started with the pulse user's credentials (and the trust store) in a client properties file
    Path file = clientConfig(protocol);
    String bootstrap = broker.bootstrapServers(protocol);
    String applicationId = "sasl-" + prefix(protocol).replace(".", "");
    PulseConfig config = new PulseConfig(bootstrap, registry.url(), topics(protocol), 3, (short) 1, applicationId,
        temp.resolve("state-" + applicationId), 100, 0, file).withAnalytics(ZONE, GRACE);
    try (PipelineService service = PipelineService.start(config, "127.0.0.1", 0)) {
      assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();

      // When a producer with the same file sends orders, fair sales and visits
      ReferenceModel reference = new ReferenceModel(ZONE, GRACE);
      List<Object> events = RandomEvents.generate(new Random(5), 600);
      AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
      values.configure(config.serdeConfig(), false);
      try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
          config.producerProperties("sasl-producer"), new StringSerializer(), values)) {
        for (Object event : events) {
          LivePipeline.send(producer, config.topicNames(), event);
          reference.event(event);
        }
        producer.flush();
      }
      // and produce simulate, given the same file, plays the start of the simulated year (campaigns and fairs)
      Path truthFile = temp.resolve(prefix(protocol) + "ground-truth.json");
      Run simulate = run(concat(List.of("produce", "simulate", "--count", "1500", "--ground-truth",
          truthFile.toString()), clusterArgs(bootstrap, protocol, file)));
      assertThat(simulate.code()).as(simulate.err()).isZero();
      GroundTruth truth = GroundTruth.readJson(truthFile);

      // Then the API's totals equal the reference model's and the simulator's ground truth, campaign by campaign
      Map<String, Totals> expected = new TreeMap<>();
      reference.totals().forEach((id, t) -> expected.put(id, totals(t)));
      truth.campaigns().forEach((id, t) -> expected.put(id, totals(t)));
      assertThat(expected).containsKeys("C-0", "C-1", "C-2").hasSizeGreaterThan(3);
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(apiTotals(http, service.httpPort())).isEqualTo(expected));

      // And a replay, given the same file, reports the same totals from every record in the input topics
      Path out = temp.resolve(prefix(protocol) + "replay");
      Run replay = run(concat(List.of("replay", "--replay-id", applicationId, "--out", out.toString(),
          "--grace", GRACE.toString(), "--no-progress", "--state-dir", temp.resolve("replay-state").toString()),
          clusterArgs(bootstrap, protocol, file)));
      assertThat(replay.code()).as(replay.err()).isZero();
      ReplayReport report = ReportJson.read(Files.readString(out.resolve("report.json")));
      assertThat(report.input().read()).isEqualTo(events.size() + truth.emittedEvents());
      assertThat(report.input().rejected()).isZero();
      Map<String, Totals> replayed = new TreeMap<>();
      report.campaigns().forEach(c -> replayed.put(c.campaignId(), c.totals()));
      assertThat(replayed).isEqualTo(expected);

      // and leaves no state, and no topic or consumer group of its own on the cluster
      assertThat(temp.resolve("replay-state")).isEmptyDirectory();
      try (Admin admin = Admin.create(config.adminProperties())) {
        assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith(REPLAYS))
            .contains(config.topicNames().orders());
        assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId)
            .noneMatch(g -> g.startsWith(REPLAYS)).contains(applicationId);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SASL_PLAINTEXT", "SASL_SSL"})
  void aWrongPasswordStopsTheCommandsAtOnceWithAClearError(String protocol) throws Exception {
    String wrongPassword = "not-the-password";
    Path wrong = clientConfig(prefix(protocol) + "wrong.properties", protocol, wrongPassword,
        protocol.endsWith("SSL"), tls.trustStorePassword());
    assertStopsAtOnce(broker.bootstrapServers(protocol), protocol, wrong, "Authentication failed",
        wrongPassword, tls.trustStorePassword());
  }

  @Test
  void aClientThatCannotVerifyTheBrokersCertificateStopsAtOnceWithAClearError() throws Exception {
    String bootstrap = broker.bootstrapServers("SASL_SSL");
    // no trust store: the JDK's CAs do not know the test CA
    Path untrusted = clientConfig("no-truststore.properties", "SASL_SSL", PASSWORD, false, null);
    assertStopsAtOnce(bootstrap, "SASL_SSL", untrusted, "SSL handshake failed: PKIX path building failed",
        PASSWORD, tls.trustStorePassword());

    // a wrong trust store password: the store cannot be read
    String wrongStorePassword = "not-the-store-password";
    Path unreadable = clientConfig("wrong-store-password.properties", "SASL_SSL", PASSWORD, true, wrongStorePassword);
    assertStopsAtOnce(bootstrap, "SASL_SSL", unreadable, "Failed to load SSL keystore " + tls.trustStore()
        + " of type PKCS12: keystore password was incorrect", PASSWORD, wrongStorePassword, tls.trustStorePassword());

    // the right file, but the broker reached as localhost: its certificate is for IP 127.0.0.1 only, and hostname
    // verification is on
    Path right = clientConfig("SASL_SSL");
    assertStopsAtOnce(bootstrap.replace("127.0.0.1", "localhost"), "SASL_SSL", right,
        "SSL handshake failed: No name matching localhost found",
        PASSWORD, tls.trustStorePassword());
  }

  /** streams, produce simulate and replay with this file exit 1 within seconds, saying why and printing no secret. */
  private void assertStopsAtOnce(String bootstrap, String protocol, Path file, String reason, String... secrets) {
    List<String> cluster = clusterArgs(bootstrap, protocol, file);
    for (List<String> command : List.of(
        List.of("streams", "--application-id", "sasl-refused", "--state-dir", temp.resolve("state-refused").toString(),
            "--http-port", "0"),
        List.of("produce", "simulate", "--count", "10"),
        List.of("replay", "--no-progress", "--out", temp.resolve("refused-replay").toString(),
            "--state-dir", temp.resolve("replay-state").toString()))) {
      Run run = run(concat(command, cluster));
      String what = String.join(" ", command.subList(0, 1)) + " with " + file.getFileName();
      assertThat(run.code()).as(what + ": " + run.err()).isEqualTo(1);
      assertThat(run.err()).as(what).contains(reason);
      for (String secret : secrets) {
        assertThat(run.out() + run.err()).as(what).doesNotContain(secret);
      }
      assertThat(run.seconds()).as(what + " fails on the first answer, not after a client timeout").isLessThan(30);
    }
  }

  // --- totals in one shape ---

  private Map<String, Totals> apiTotals(HttpClient http, int port) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/api/campaigns")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Totals> served = new TreeMap<>();
    for (JsonNode c : json.readTree(response.body())) {
      served.put(c.get("campaignId").asText(), new Totals(c.get("orders").asLong(), c.get("pendingOrders").asLong(),
          c.get("consumptionFen").asLong(), c.get("orderConsumptionFen").asLong(), c.get("fairSales").asLong(),
          c.get("fairSalesFen").asLong(), c.get("subsidyFen").asLong(), c.get("pendingSubsidyFen").asLong(),
          c.get("visitors").asLong()));
    }
    return served;
  }

  private static Totals totals(ReferenceModel.Totals t) {
    return new Totals(t.orders(), t.pendingOrders(), t.orderConsumptionFen() + t.fairSalesFen(),
        t.orderConsumptionFen(), t.fairSales(), t.fairSalesFen(), t.subsidyFen(), t.pendingSubsidyFen(),
        t.visitors());
  }

  private static Totals totals(GroundTruth.Totals t) {
    return new Totals(t.orders(), t.pendingOrders(), t.consumptionFen(), t.orderConsumptionFen(), t.fairSales(),
        t.fairSalesFen(), t.subsidyFen(), t.pendingSubsidyFen(), t.visitors());
  }
}
