package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.ApicurioDistribution;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline against containers, for machines with Docker: Kafka in {@code apache/kafka} (the version of the Kafka
 * clients this build uses, so broker and clients match as in the other tests) and Apicurio Registry in
 * {@code apicurio/apicurio-registry} (the version the embedded registry runs, its Confluent-compatible API). The
 * streams app with its HTTP API runs in this JVM as {@code campaign-pulse streams} does ({@link PipelineService});
 * random orders, fair sales and gate reports go in through the project's wire-format serializer, and the API's
 * totals must equal the reference model's, campaign by campaign.
 *
 * <p>This is the behaviour {@link PipelineEndToEndIT} covers on every machine with the embedded broker and registry
 * (a KRaft broker in the JVM, Apicurio as a child process); this variant checks the same against the official
 * images. Without Docker (as on the project's build machines) it is skipped, with the reason, before any container
 * is started.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersPipelineIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int REGISTRY_PORT = 8080;
  private static final String CCOMPAT = "/apis/ccompat/v7";

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer(
      DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()));

  @Container
  static final GenericContainer<?> REGISTRY = new GenericContainer<>(
      DockerImageName.parse("apicurio/apicurio-registry:" + ApicurioDistribution.configured().version()))
      .withExposedPorts(REGISTRY_PORT)
      .waitingFor(Wait.forHttp(CCOMPAT + "/subjects").forPort(REGISTRY_PORT).forStatusCode(200))
      .withStartupTimeout(Duration.ofMinutes(3));

  @TempDir
  static Path temp;

  @Test
  void totalsOfEventsSentThroughTheRegistryContainerEqualTheReferenceModel() throws Exception {
    // Given the app against the containers
    String registryUrl = "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(REGISTRY_PORT) + CCOMPAT;
    PulseConfig config = new PulseConfig(KAFKA.getBootstrapServers(), registryUrl, TopicNames.defaults(), 3,
        (short) 1, "containers-test", temp.resolve("state"), 100, 0, null);
    try (PipelineService service = PipelineService.start(config, "127.0.0.1", 0)) {
      assertThat(service.streams().awaitRunning(Duration.ofSeconds(90))).isTrue();

      // When random orders (duplicates, corrections, cancellations, moves), fair sales and gate reports are sent
      ReferenceModel reference = new ReferenceModel();
      AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
      values.configure(config.serdeConfig(), false);
      try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
          config.producerProperties("containers-producer"), new StringSerializer(), values)) {
        for (Object event : RandomEvents.generate(new Random(7), 3_000)) {
          LivePipeline.send(producer, config.topicNames(), event);
          reference.event(event);
        }
        producer.flush();
      }

      // Then the API's totals equal the reference model's, campaign by campaign
      Map<String, ReferenceModel.Totals> expected = reference.totals();
      assertThat(expected).containsKeys("C-0", "C-1", "C-2");
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      await().atMost(TIMEOUT).untilAsserted(() -> {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + service.httpPort() + "/api/campaigns")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, ReferenceModel.Totals> served = new TreeMap<>();
        for (JsonNode c : json.readTree(response.body())) {
          served.put(c.get("campaignId").asText(), LivePipeline.totals(c));
        }
        assertThat(served).isEqualTo(expected);
      });
    }
  }
}
