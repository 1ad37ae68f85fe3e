package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.decode.DeadLetterHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers we did not write can publish into the pipeline: orders sent by Debian's Python client
 * ({@code python3-confluent-kafka} with {@code python3-avro}, the script {@code interop/produce_orders.py}) and by
 * {@code kcat} with hand-made Confluent wire-format bytes are counted exactly like the project's own, and a
 * malformed kcat message is dead-lettered. Neither path uses the project's serde or registry client: the contract
 * (topic, UTF-8 key, wire format, subject {@code <topic>-value}) is all they share with the pipeline.
 *
 * <p>The tools are a hard requirement, never a skip: CI installs them in {@code .ci/run}, and a missing one fails
 * with the command that installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyProducerIT {

  private static final String INSTALL =
      "apt-get install -y kcat python3-confluent-kafka python3-avro python3-requests";
  private static final Path KCAT = Path.of("/usr/bin/kcat");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

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
    requireThirdPartyClients();
    pipeline = LivePipeline.start(temp, "interop-test");
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
  void ordersFromPythonAndKcatAreCountedExactlyAndAMalformedKcatMessageIsDeadLettered() throws Exception {
    // Given two order histories with several versions per order, duplicates, a late older version and
    // cancellations: one for the Python client (campaign C-PY), one for kcat (campaign C-KCAT)
    TopicNames topics = config.topicNames();
    List<TradeInOrder> viaPython = histories(new Random(11), "O-PY-", "C-PY", 15);
    List<TradeInOrder> viaKcat = histories(new Random(23), "O-KCAT-", "C-KCAT", 15);
    ReferenceModel reference = new ReferenceModel();
    viaPython.forEach(reference::order);
    viaKcat.forEach(reference::order);
    Map<String, ReferenceModel.Totals> expected = reference.totals();
    assertThat(expected).containsOnlyKeys("C-PY", "C-KCAT");
    JsonNode latest = json.readTree(httpGet(registry.url() + "/subjects/" + topics.orders() + "-value/versions/latest"));
    int schemaId = latest.get("id").asInt();
    Schema schema = new Schema.Parser().parse(latest.get("schema").asText());
    byte[] malformed = "{\"orderId\":\"O-KCAT-bad\",\"amount\":1.5}".getBytes(StandardCharsets.UTF_8);

    // When the Python script publishes its orders as JSON lines
    Path lines = temp.resolve("python-orders.jsonl");
    Files.write(lines, viaPython.stream().map(this::jsonLine).toList(), StandardCharsets.UTF_8);
    String pythonOutput = run(List.of(PYTHON.toString(), "-I", script().toString(),
        "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", registry.url(),
        "--topic", topics.orders(), lines.toString()));
    assertThat(pythonOutput).contains("sent " + viaPython.size() + " orders", "schema id " + schemaId);

    // And kcat sends each order's events as wire-format files, one invocation per key, with a non-Avro
    // message between them
    Map<String, List<TradeInOrder>> byKey = viaKcat.stream()
        .collect(Collectors.groupingBy(TradeInOrder::getOrderId, LinkedHashMap::new, Collectors.toList()));
    int sentByKcat = 0;
    for (List<TradeInOrder> history : byKey.values()) {
      List<Path> files = new ArrayList<>();
      for (TradeInOrder o : history) {
        files.add(write("kcat/" + o.getOrderId() + "-" + files.size() + ".bin", wireFormat(schemaId, schema, o)));
      }
      kcat(topics.orders(), history.get(0).getOrderId(), files);
      sentByKcat += files.size();
      if (sentByKcat > viaKcat.size() / 2 && sentByKcat - files.size() <= viaKcat.size() / 2) {
        kcat(topics.orders(), "O-KCAT-bad", List.of(write("kcat/bad.json", malformed)));
      }
    }

    // Then campaign-totals reaches the reference model's totals exactly, for each tool's campaign
    assertThat(pipeline.publishedTotalsUntil(expected, TIMEOUT)).isEqualTo(expected);

    // And the API shows the same orders and subsidy
    for (Map.Entry<String, ReferenceModel.Totals> e : expected.entrySet()) {
      HttpResponse<String> response = get("/api/campaigns/" + e.getKey());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.get("orders").asLong()).as("%s orders", e.getKey()).isEqualTo(e.getValue().orders());
      assertThat(body.get("pendingOrders").asLong()).isEqualTo(e.getValue().pendingOrders());
      assertThat(body.get("subsidyFen").asLong()).as("%s subsidyFen", e.getKey()).isEqualTo(e.getValue().subsidyFen());
      assertThat(body.get("pendingSubsidyFen").asLong()).isEqualTo(e.getValue().pendingSubsidyFen());
      assertThat(body.get("consumptionFen").asLong()).isEqualTo(e.getValue().consumptionFen());
    }

    // And every record is in the wire format with the registry's id, on the partition a Java producer picks
    int sent = viaPython.size() + viaKcat.size() + 1;
    List<ConsumerRecord<String, byte[]>> orders = cluster.readBytesUntil(topics.orders(), r -> r.size() >= sent, TIMEOUT);
    assertThat(orders).hasSize(sent);
    for (ConsumerRecord<String, byte[]> r : orders) {
      byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
      assertThat(r.partition()).as("partition of %s", r.key()).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % config.partitions());
      if (!r.key().equals("O-KCAT-bad")) {
        assertThat(Arrays.copyOf(r.value(), 5)).as("header of %s", r.key()).isEqualTo(header(schemaId));
      }
    }

    // And the malformed kcat message is in dead-letters, as sent, with its origin and reason
    List<ConsumerRecord<String, byte[]>> dead = cluster.readBytesUntil(topics.deadLetters(), r -> !r.isEmpty(), TIMEOUT);
    assertThat(dead).hasSize(1);
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    assertThat(letter.key()).isEqualTo("O-KCAT-bad");
    assertThat(letter.value()).isEqualTo(malformed);
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.orders());
    assertThat(header(letter, DeadLetterHeaders.REASON)).contains("wire format");
    assertThat(service.streams().metrics().deadLetters(topics.orders())).isEqualTo(1);
  }

  /**
   * Order histories as a producer would send them: versions 1..n of each order (submitted, approved, paid, then
   * perhaps cancelled or refunded), with the first order cancelled, the second sent twice, the third's last two
   * versions swapped, and more of each at random.
   */
  private static List<TradeInOrder> histories(Random random, String prefix, String campaignId, int count) {
    OrderStatus[] path = {OrderStatus.SUBMITTED, OrderStatus.APPROVED, OrderStatus.PAID};
    Category[] categories = Category.values();
    List<TradeInOrder> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String orderId = prefix + String.format("%03d", i);
      long purchase = 100_000 + random.nextInt(20_000_000);
      long subsidy = Math.min(purchase * 15 / 100, 2_000_000);
      int versions = i == 0 ? 2 : 1 + random.nextInt(3);
      boolean cancelled = i == 0 || random.nextInt(5) == 0;
      List<TradeInOrder> history = new ArrayList<>();
      for (int v = 1; v <= versions + (cancelled ? 1 : 0); v++) {
        OrderStatus status = v > versions ? (random.nextBoolean() ? OrderStatus.CANCELLED : OrderStatus.REFUNDED)
            : path[v - 1];
        Instant time = Events.T0.plusSeconds(600L * i + 60L * v);
        TradeInOrder order = Events.order(orderId, v, campaignId, status, purchase, subsidy, time);
        order.setCategory(categories[random.nextInt(categories.length)]);
        order.setStreet(random.nextInt(3) == 0 ? null : "七一路街道");
        history.add(order);
      }
      if (i == 1 || random.nextInt(4) == 0) {
        history.add(history.get(random.nextInt(history.size())));
      }
      if ((i == 2 || random.nextInt(4) == 0) && history.size() >= 2) {
        history.add(history.size() - 2, history.remove(history.size() - 1));
      }
      sent.addAll(history);
    }
    return sent;
  }

  /** An order as the Python script reads it: JSON with enum symbols and epoch-millisecond eventTime. */
  private String jsonLine(TradeInOrder o) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("orderId", o.getOrderId());
    fields.put("version", o.getVersion());
    fields.put("campaignId", o.getCampaignId());
    fields.put("category", o.getCategory().name());
    fields.put("status", o.getStatus().name());
    fields.put("purchaseAmountFen", o.getPurchaseAmountFen());
    fields.put("subsidyAmountFen", o.getSubsidyAmountFen());
    fields.put("merchantId", o.getMerchantId());
    fields.put("street", o.getStreet());
    fields.put("eventTime", o.getEventTime().toEpochMilli());
    try {
      return json.writeValueAsString(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Confluent wire format made by hand, as any producer may: byte 0, the schema id big-endian, then plain
   * Avro binary of a generic record built against the registry's schema (not the project's serde).
   */
  private static byte[] wireFormat(int schemaId, Schema schema, TradeInOrder o) throws IOException {
    GenericRecord record = new GenericData.Record(schema);
    record.put("orderId", o.getOrderId());
    record.put("version", o.getVersion());
    record.put("campaignId", o.getCampaignId());
    record.put("category", new GenericData.EnumSymbol(schema.getField("category").schema(), o.getCategory().name()));
    record.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), o.getStatus().name()));
    record.put("purchaseAmountFen", o.getPurchaseAmountFen());
    record.put("subsidyAmountFen", o.getSubsidyAmountFen());
    record.put("merchantId", o.getMerchantId());
    record.put("street", o.getStreet());
    record.put("eventTime", o.getEventTime().toEpochMilli());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header(schemaId));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] header(int schemaId) {
    return ByteBuffer.allocate(5).put((byte) 0).putInt(schemaId).array();
  }

  /** One kcat run: every file is one message, in order, all with the same key. */
  private void kcat(String topic, String key, List<Path> files) throws Exception {
    List<String> command = new ArrayList<>(List.of(KCAT.toString(), "-P", "-b", cluster.bootstrapServers(),
        "-t", topic, "-k", key, "-X", "enable.idempotence=true", "-X", "partitioner=murmur2_random"));
    files.forEach(f -> command.add(f.toString()));
    run(command);
  }

  /** Runs a tool to its end; fails with its output if it exits non-zero or outlives the timeout. */
  private static String run(List<String> command) throws Exception {
    Path output = Files.createTempFile(temp, "tool-", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("%s did not finish in %s; output:%n%s", command.get(0), TOOL_TIMEOUT, Files.readString(output));
    }
    String printed = Files.readString(output);
    assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command, printed).isZero();
    return printed;
  }

  /** kcat and the Python packages are a requirement of this test: fail, naming the install command. */
  private static void requireThirdPartyClients() throws Exception {
    if (!Files.isExecutable(KCAT)) {
      fail("%s not found: the interop test needs Debian's kcat. Run: %s", KCAT, INSTALL);
    }
    if (!Files.isExecutable(PYTHON)) {
      fail("%s not found: the interop test needs Debian's Python 3. Run: apt-get install -y python3 && %s",
          PYTHON, INSTALL);
    }
    Process check = new ProcessBuilder(PYTHON.toString(), "-I", "-c",
        "import confluent_kafka, confluent_kafka.schema_registry, avro.io, requests")
        .redirectErrorStream(true).start();
    check.getOutputStream().close();
    String printed = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
      String why = printed.strip().lines().reduce((first, last) -> last).orElse("no output");
      fail("%s lacks the Kafka/Avro client modules (%s). Run: %s", PYTHON, why, INSTALL);
    }
  }

  private static Path script() throws URISyntaxException {
    return Path.of(ThirdPartyProducerIT.class.getResource("/interop/produce_orders.py").toURI());
  }

  private static Path write(String name, byte[] content) throws IOException {
    Path file = temp.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, content);
  }

  private String httpGet(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

}
