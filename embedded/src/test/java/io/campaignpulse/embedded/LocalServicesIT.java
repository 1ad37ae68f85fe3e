package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real broker and registry processes on this machine. */
class LocalServicesIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path tmp;

  @Test
  @Timeout(240)
  @SuppressWarnings("try") // close() inside try-with-resources is the point: close, then restart
  void brokerServesKeepsDataAcrossRestartAndCanBeKilled() throws Exception {
    try (LocalKafkaBroker broker = LocalKafkaBroker.start(tmp.resolve("kafka"))) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      try (Admin admin = Admin.create(broker.clientProperties())) {
        admin.createTopics(List.of(new NewTopic("clicks", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
        producer.send(new ProducerRecord<>("clicks", "campaign-7", "fair-visit")).get();
      }
      assertThat(readAll(broker, "clicks")).containsExactly("campaign-7=fair-visit");

      long first = broker.pid();
      broker.close();
      assertThat(alive(first)).isFalse();
      broker.restart();
      assertThat(broker.pid()).isNotEqualTo(first);
      assertThat(readAll(broker, "clicks")).containsExactly("campaign-7=fair-visit");

      long second = broker.pid();
      broker.kill();
      assertThat(alive(second)).isFalse();
      assertThat(broker.isRunning()).isFalse();

      // crash drill: the acknowledged record survives a SIGKILL
      broker.restart();
      assertThat(readAll(broker, "clicks")).containsExactly("campaign-7=fair-visit");
    }
    assertThat(tmp.resolve("kafka/broker.log")).isNotEmptyFile();
  }

  @Test
  @Timeout(120)
  void aBrokerThatCannotStartFailsWithItsLog() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalKafkaBroker.Builder builder = LocalKafkaBroker.builder(tmp.resolve("busy")).port(taken.getLocalPort());
      assertThatThrownBy(builder::start)
          .isInstanceOf(EmbeddedServiceException.class)
          .hasMessageContaining("exited with code 1 before it was ready")
          .hasMessageContaining("Address already in use");
    }
  }

  @Test
  @Timeout(240)
  void twoRegistriesRunSideBySideAndStopCompletely() throws Exception {
    ExecutorService starter = Executors.newFixedThreadPool(2);
    CompletableFuture<LocalSchemaRegistry> a = CompletableFuture.supplyAsync(
        () -> LocalSchemaRegistry.start(tmp.resolve("registry-a")), starter);
    CompletableFuture<LocalSchemaRegistry> b = CompletableFuture.supplyAsync(
        () -> LocalSchemaRegistry.start(tmp.resolve("registry-b")), starter);
    starter.shutdown();
    List<LocalSchemaRegistry> started = new ArrayList<>();
    try {
      started.add(a.join());
      started.add(b.join());
      LocalSchemaRegistry registry = started.get(0);
      assertThat(registry.url()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");

      String schema = "{\"type\":\"record\",\"name\":\"Click\","
          + "\"fields\":[{\"name\":\"campaign\",\"type\":\"string\"}]}";
      String body = "{\"schema\":" + jsonString(schema) + "}";
      HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(
              URI.create(registry.url() + "/subjects/x-value/versions"))
          .header("Content-Type", "application/vnd.schemaregistry.v1+json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(posted.body());
      assertThat(id.find()).as(posted.body()).isTrue();

      HttpResponse<String> fetched = get(registry.url() + "/schemas/ids/" + id.group(1));
      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(fetched.body()).contains("Click").contains("campaign");

      assertThat(get(started.get(1).url() + "/subjects").body()).isEqualTo("[]");
    } finally {
      for (LocalSchemaRegistry r : started) {
        r.close();
      }
      cancel(a);
      cancel(b);
    }
    for (LocalSchemaRegistry r : started) {
      assertThat(alive(r.pid())).isFalse();
      assertThatThrownBy(() -> connect(r.port())).isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> connect(r.managementPort())).isInstanceOf(ConnectException.class);
    }
    // everything the registry writes stays in its own work directory
    assertThat(tmp.resolve("registry-a/registry.log")).isNotEmptyFile();
    assertThat(Files.exists(tmp.resolve("registry-a/tmp"))).isTrue();
  }

  @Test
  @Timeout(240)
  void aRegistryOnAnH2FileComesBackFromSigkillOnItsPortWithEverySchemaUnderItsId() throws Exception {
    try (LocalSchemaRegistry registry = LocalSchemaRegistry.builder(tmp.resolve("registry"))
        .storage(RegistryStorage.h2File(tmp.resolve("registry-db"))).start()) {
      assertThat(registry.storage().isPersistent()).isTrue();
      String url = registry.url();
      int first = register(url, "clicks-value", "Click");
      int second = register(url, "visits-value", "Visit");

      // When it is killed right after the registrations and restarted on the same storage
      long pid = registry.pid();
      registry.kill();
      assertThat(alive(pid)).isFalse();
      assertThatThrownBy(() -> connect(registry.port())).isInstanceOf(ConnectException.class);
      registry.restart();

      // Then the URL still serves, every id means the schema it meant, and a new schema gets a new id
      assertThat(registry.url()).isEqualTo(url);
      assertThat(registry.pid()).isNotEqualTo(pid);
      assertThat(get(url + "/schemas/ids/" + first).body()).contains("Click");
      assertThat(get(url + "/schemas/ids/" + second).body()).contains("Visit");
      assertThat(get(url + "/subjects").body()).contains("clicks-value", "visits-value");
      int third = register(url, "sales-value", "Sale");
      assertThat(third).isNotIn(first, second);
      assertThat(get(url + "/schemas/ids/" + third).body()).contains("Sale");
    }
    assertThat(tmp.resolve("registry-db/registry.mv.db")).isNotEmptyFile();
  }

  private static int register(String url, String subject, String recordName) throws Exception {
    String schema = "{\"type\":\"record\",\"name\":\"" + recordName + "\","
        + "\"fields\":[{\"name\":\"campaign\",\"type\":\"string\"}]}";
    HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject
            + "/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + jsonString(schema) + "}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(posted.body());
    assertThat(id.find()).as(posted.body()).isTrue();
    return Integer.parseInt(id.group(1));
  }

  private static Map<String, Object> producerConfig(LocalKafkaBroker broker) {
    Map<String, Object> config = new HashMap<>(broker.clientProperties());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }

  private static List<String> readAll(LocalKafkaBroker broker, String topic) {
    Map<String, Object> config = new HashMap<>(broker.clientProperties());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(Set.of(partition));
      consumer.seekToBeginning(Set.of(partition));
      long end = consumer.endOffsets(Set.of(partition), Duration.ofSeconds(30)).get(partition);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(partition, Duration.ofSeconds(30)) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.key() + "=" + r.value());
        }
      }
    }
    return values;
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }

  private static void cancel(CompletableFuture<LocalSchemaRegistry> f) {
    // a start that failed or is still running: make sure its registry does not outlive the test
    f.thenAccept(LocalSchemaRegistry::close);
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
