package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalKafkaBroker;
import io.campaignpulse.embedded.LocalSchemaRegistry;
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
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A broker that admits only SASL/SCRAM-SHA-256 clients (a real Kafka broker process whose users are written into
 * its metadata when its storage is formatted): the producers and the streams app, given credentials in a client
 * properties file, count every event exactly; with a wrong password the commands stop at once, exit 1, and say the
 * authentication failed, without printing the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslScramIT {

  private static final String MECHANISM = "SCRAM-SHA-256";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration GRACE = Duration.ofDays(3650);

  @TempDir
  static Path temp;

  private LocalKafkaBroker broker;
  private LocalSchemaRegistry registry;

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  private Path clientConfig(String name, String user, String password) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=" + MECHANISM + "\nsasl.jaas.config="
        + jaas(user, password).replace("\\", "\\\\") + "\n");
    return file;
  }

  @BeforeAll
  void start() {
    // the client listener (named PLAINTEXT) speaks SASL_PLAINTEXT; the broker's own connections log in as admin
    broker = LocalKafkaBroker.builder(temp.resolve("broker")).partitions(3)
        .scramUser(MECHANISM, "admin", "admin-secret")
        .scramUser(MECHANISM, "pulse", "pulse-secret")
        .serverProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT")
        .serverProperty("sasl.enabled.mechanisms", MECHANISM)
        .serverProperty("sasl.mechanism.inter.broker.protocol", MECHANISM)
        .serverProperty("listener.name.plaintext.scram-sha-256.sasl.jaas.config", jaas("admin", "admin-secret"))
        .clientProperty("security.protocol", "SASL_PLAINTEXT")
        .clientProperty("sasl.mechanism", MECHANISM)
        .clientProperty("sasl.jaas.config", jaas("admin", "admin-secret"))
        .start();
    registry = SharedRegistry.get();
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private PulseConfig config(Path clientConfig, String applicationId) {
    return new PulseConfig(broker.bootstrapServers(), registry.url(), TopicNames.defaults(), 3, (short) 1,
        applicationId, temp.resolve("state-" + applicationId), 100, 0, clientConfig)
        .withAnalytics(ZoneId.of("Asia/Shanghai"), GRACE);
  }

  @Test
  void withCredentialsFromAPropertiesFileEveryEventIsCountedExactly() throws Exception {
    // Given the app started with the pulse user's credentials in a client properties file
    PulseConfig config = config(clientConfig("pulse.properties", "pulse", "pulse-secret"), "sasl-test");
    try (PipelineService service = PipelineService.start(config, "127.0.0.1", 0)) {
      assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();

      // When a producer with the same file sends orders, fair sales and visits
      ReferenceModel reference = new ReferenceModel(ZoneId.of("Asia/Shanghai"), GRACE);
      AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
      values.configure(config.serdeConfig(), false);
      try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
          config.producerProperties("sasl-producer"), new StringSerializer(), values)) {
        for (Object event : RandomEvents.generate(new Random(5), 600)) {
          LivePipeline.send(producer, config.topicNames(), event);
          reference.event(event);
        }
        producer.flush();
      }

      // Then the API's totals equal the reference model's
      Map<String, ReferenceModel.Totals> expected = reference.totals();
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      await().atMost(TIMEOUT).untilAsserted(() -> {
        for (var e : expected.entrySet()) {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + service.httpPort() + "/api/campaigns/" + e.getKey())).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).isEqualTo(200);
          JsonNode c = json.readTree(response.body());
          assertThat(c.get("orders").asLong()).isEqualTo(e.getValue().orders());
          assertThat(c.get("orderConsumptionFen").asLong()).isEqualTo(e.getValue().orderConsumptionFen());
          assertThat(c.get("subsidyFen").asLong()).isEqualTo(e.getValue().subsidyFen());
          assertThat(c.get("fairSalesFen").asLong()).isEqualTo(e.getValue().fairSalesFen());
          assertThat(c.get("visitors").asLong()).isEqualTo(e.getValue().visitors());
        }
      });
    }
  }

  @Test
  void aWrongPasswordStopsTheCommandsAtOnceWithAClearError() throws Exception {
    Path wrong = clientConfig("wrong.properties", "pulse", "not-the-password");
    for (String[] command : new String[][] {
        {"streams", "--application-id", "sasl-wrong", "--state-dir", temp.resolve("state-wrong").toString(),
            "--http-port", "0"},
        {"produce", "simulate", "--count", "10"}}) {
      StringWriter err = new StringWriter();
      CommandLine cli = io.campaignpulse.app.CampaignPulse.commandLine();
      cli.setErr(new PrintWriter(err, true));
      cli.setOut(new PrintWriter(new StringWriter(), true));
      String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of(
          "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
          "--client-config", wrong.toString())).toArray(String[]::new);
      long started = System.nanoTime();
      int code = cli.execute(args);
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertThat(code).as(String.join(" ", command) + ": " + err).isEqualTo(1);
      assertThat(err.toString()).as(command[0]).contains("Authentication failed").doesNotContain("not-the-password");
      assertThat(seconds).as("fails on the first answer, not after a client timeout").isLessThan(60);
    }
  }
}
