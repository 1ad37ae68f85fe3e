package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.decode.DeadLetterHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on real parts: Kafka's KRaft test-kit broker, Apicurio Registry as a child process, the
 * streams app with exactly-once and its HTTP API. Events go in through the project's wire-format serializer;
 * totals come out of {@code campaign-totals} (read_committed) and the API, and must equal the reference model.
 * {@link ContainersPipelineIT} checks the same against Kafka and Apicurio containers where Docker is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir
  static Path temp;

  private LivePipeline pipeline;
  private TestCluster cluster;
  private LocalSchemaRegistry registry;
  private PulseConfig config;
  private PipelineService service;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    pipeline = LivePipeline.start(temp, "e2e-test");
    cluster = pipeline.cluster;
    registry = pipeline.registry;
    config = pipeline.config;
    service = pipeline.service;
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void totalsOfEventsSentThroughTheRegistryMatchTheReferenceModelDespiteAPoisonPill() throws Exception {
    // Given a random sequence with duplicates, reordering, corrections, repeated sales and gate reports
    List<Object> events = RandomEvents.generate(new Random(7), 3_000);
    assertThat(events).hasAtLeastOneElementOfType(FairSale.class).hasAtLeastOneElementOfType(FairVisit.class);
    ReferenceModel reference = new ReferenceModel();
    TopicNames topics = config.topicNames();
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(config.serdeConfig(), false);
    byte[] poison = "{\"orderId\":\"O-bad\",\"amount\":1.5}".getBytes(StandardCharsets.UTF_8);

    // When they are produced, with a record that is not Avro in the middle
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        config.producerProperties("e2e-producer"), new StringSerializer(), values);
        KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
            config.producerProperties("e2e-raw"), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < events.size(); i++) {
        Object event = events.get(i);
        pipeline.send(producer, event, reference);
        if (i == events.size() / 2) {
          producer.flush();
          raw.send(new ProducerRecord<>(topics.orders(), "O-bad", poison)).get();
        }
      }
      producer.flush();
    }
    Map<String, ReferenceModel.Totals> expected = reference.totals();

    // Then the published totals converge on the reference model
    assertThat(pipeline.publishedTotalsUntil(expected, TIMEOUT)).isEqualTo(expected);

    // And the API serves the same numbers
    for (Map.Entry<String, ReferenceModel.Totals> e : expected.entrySet()) {
      HttpResponse<String> response = get("/api/campaigns/" + e.getKey());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.get("orders").asLong()).isEqualTo(e.getValue().orders());
      assertThat(body.get("subsidyFen").asLong()).isEqualTo(e.getValue().subsidyFen());
      assertThat(body.get("pendingSubsidyFen").asLong()).isEqualTo(e.getValue().pendingSubsidyFen());
      assertThat(body.get("consumptionFen").asLong()).isEqualTo(e.getValue().consumptionFen());
      assertThat(body.get("visitors").asLong()).isEqualTo(e.getValue().visitors());
    }
    JsonNode list = json.readTree(get("/api/campaigns").body());
    assertThat(list).hasSize(expected.size());

    // And the poison pill is in dead-letters with its origin and reason
    List<ConsumerRecord<String, byte[]>> dead = cluster.readBytesUntil(topics.deadLetters(), r -> !r.isEmpty(), TIMEOUT);
    assertThat(dead).hasSize(1);
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    assertThat(letter.key()).isEqualTo("O-bad");
    assertThat(letter.value()).isEqualTo(poison);
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.orders());
    assertThat(header(letter, DeadLetterHeaders.REASON)).contains("wire format");
    assertThat(service.streams().metrics().deadLetters(topics.orders())).isEqualTo(1);
  }

  @Test
  void unknownCampaignIs404WithAJsonError() throws Exception {
    HttpResponse<String> response = get("/api/campaigns/no-such-campaign");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("campaign_not_found");
    assertThat(body.get("message").asText()).contains("no-such-campaign");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

}
