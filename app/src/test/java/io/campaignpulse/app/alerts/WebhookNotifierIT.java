package io.campaignpulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.TestCluster;
import io.campaignpulse.app.alerts.ScriptedWebhook.Attempt;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.contract.Topic;
import io.campaignpulse.registry.SchemaRegistries;
import io.campaignpulse.serde.AvroWireSerde;
import io.campaignpulse.serde.SerdeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook notifier against a real KRaft broker in this JVM and a real HTTP server on 127.0.0.1 that fails on
 * purpose: alerts are produced in Kafka transactions (one aborted) with the project's wire-format Avro serde.
 */
class WebhookNotifierIT {

  private static final String REGISTRY = "mock://webhook-notifier-it";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = TestCluster.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    SchemaRegistries.dropMockScope("webhook-notifier-it");
  }

  @Test
  void retriesEachAlertUntilDeliveredInOffsetOrderAndSkipsGarbageAndRejections() throws Exception {
    Topic<String, BudgetAlert> topic = createTopic("alerts-retry", 1);
    BudgetAlert a1 = alert("TI-AUTO:THRESHOLD:50", "TI-AUTO", 50);
    BudgetAlert a2 = alert("TI-AUTO:THRESHOLD:80", "TI-AUTO", 80);
    BudgetAlert a3 = alert("TI-HOME:THRESHOLD:50", "TI-HOME", 50);
    BudgetAlert a4 = alert("TI-HOME:THRESHOLD:80", "TI-HOME", 80);
    BudgetAlert a5 = alert("TI-AUTO:THRESHOLD:100", "TI-AUTO", 100);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      commit(producer, topic, a1, a2, "garbage, not the wire format", a3);
      producer.beginTransaction();
      send(producer, topic, alert("ABORTED:THRESHOLD:90", "TI-AUTO", 90));
      producer.abortTransaction();
      commit(producer, topic, a4, a5);
    }
    try (ScriptedWebhook hook = ScriptedWebhook.start()
        .answer(a1.getAlertId(), 503, 503)
        .answer(a2.getAlertId(), ScriptedWebhook.DROP, 500)
        .answer(a3.getAlertId(), 400)
        .answer(a4.getAlertId(), 429)) {
      WebhookNotifier notifier = new WebhookNotifier(consumerProps("webhook-retry"), topic, hook.url(), fastBackoff());
      try (notifier) {
        notifier.start();

        await().atMost(PATIENCE).until(() -> notifier.delivered() == 4 && notifier.rejected() == 1
            && notifier.undecodable() == 1);
      }

      // Every attempt in offset order: the same key until it succeeds, nothing later overtaking it
      assertThat(hook.keys()).containsExactly(
          a1.getAlertId(), a1.getAlertId(), a1.getAlertId(),
          a2.getAlertId(), a2.getAlertId(), a2.getAlertId(),
          a3.getAlertId(),
          a4.getAlertId(), a4.getAlertId(),
          a5.getAlertId());
      assertThat(hook.deliveredKeys()).containsExactly(a1.getAlertId(), a2.getAlertId(), a4.getAlertId(),
          a5.getAlertId());
      assertThat(notifier.retries()).isEqualTo(5);
      assertThat(MAPPER.readTree(hook.attempts().get(0).body()).get("subsidyFen").isIntegralNumber()).isTrue();
      assertThat(notifier.failure()).isEmpty();
      Map<String, BudgetAlert> sent = Map.of(a1.getAlertId(), a1, a2.getAlertId(), a2, a3.getAlertId(), a3,
          a4.getAlertId(), a4, a5.getAlertId(), a5);
      for (Attempt attempt : hook.attempts()) {
        assertThat(attempt.contentType()).isEqualTo("application/json");
        assertThat(MAPPER.readTree(attempt.body())).as(attempt.key())
            .isEqualTo(MAPPER.readTree(AlertJson.toBytes(sent.get(attempt.key()))));
      }
    }
  }

  @Test
  void aWebhookThatIsDownGetsEveryAlertOnceItIsBackAndNothingTwice() throws Exception {
    Topic<String, BudgetAlert> topic = createTopic("alerts-down", 3);
    String group = "webhook-down";
    List<BudgetAlert> before = List.of(alert("FM-1:THRESHOLD:50", "FM-1", 50), alert("FM-2:THRESHOLD:50", "FM-2", 50));
    List<BudgetAlert> whileDown = List.of(alert("FM-1:THRESHOLD:80", "FM-1", 80),
        alert("FM-2:THRESHOLD:80", "FM-2", 80), alert("FM-3:THRESHOLD:50", "FM-3", 50),
        alert("FM-1:THRESHOLD:100", "FM-1", 100));
    int port;
    WebhookNotifier first;
    try (KafkaProducer<String, byte[]> producer = producer();
        ScriptedWebhook hook = ScriptedWebhook.start()) {
      port = hook.port();
      first = new WebhookNotifier(consumerProps(group), topic, hook.url(),
          new Backoff(Duration.ofMillis(300), Duration.ofSeconds(30), new Random(3)));
      first.start();
      commit(producer, topic, before.toArray());
      await().atMost(PATIENCE).until(() -> first.delivered() == 2);
      assertThat(hook.deliveredKeys()).containsExactlyInAnyOrderElementsOf(ids(before));

      hook.close(); // the webhook goes down
      commit(producer, topic, whileDown.toArray());
      await().atMost(PATIENCE).until(() -> first.retries() >= 2);
    }

    long closing = System.nanoTime();
    first.close(); // mid-retry
    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
    assertThat(first.delivered()).isEqualTo(2);
    assertThat(first.failure()).isEmpty();

    try (ScriptedWebhook back = ScriptedWebhook.startOn(port)) {
      WebhookNotifier second = new WebhookNotifier(consumerProps(group), topic, back.url(), fastBackoff());
      try (second) {
        second.start();
        await().atMost(PATIENCE).until(() -> second.delivered() == whileDown.size());
      }

      // Every alert produced while it was down arrives once; those delivered before are not sent again
      assertThat(back.keys()).containsExactlyInAnyOrderElementsOf(ids(whileDown));
      for (String campaign : List.of("FM-1", "FM-2", "FM-3")) {
        assertThat(back.keys().stream().filter(k -> k.startsWith(campaign + ":")).toList()).as(campaign)
            .containsExactlyElementsOf(ids(whileDown).stream().filter(k -> k.startsWith(campaign + ":")).toList());
      }
    }
  }

  private static Topic<String, BudgetAlert> createTopic(String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
    return new Topic<>(name, Serdes.String(),
        AvroWireSerde.forType(BudgetAlert.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, REGISTRY), false));
  }

  private static BudgetAlert alert(String alertId, String campaignId, int percent) {
    long budget = 1_000_000_00L;
    return TestAlerts.alert(alertId, campaignId, percent, budget * percent / 100 + 37, budget,
        Instant.parse("2024-05-01T10:15:30.250Z").plusSeconds(percent), percent == 100 ? null : "O-" + percent,
        Instant.parse("2024-05-01T10:15:31Z").plusSeconds(percent));
  }

  private static List<String> ids(List<BudgetAlert> alerts) {
    return alerts.stream().map(BudgetAlert::getAlertId).toList();
  }

  private static Backoff fastBackoff() {
    return new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), new Random(1));
  }

  private static Properties consumerProps(String group) {
    Properties props = new Properties();
    props.put("bootstrap.servers", cluster.bootstrapServers());
    props.put("group.id", group);
    return props;
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "webhook-it-" + UUID.randomUUID());
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
        new ByteArraySerializer());
    producer.initTransactions();
    return producer;
  }

  /** One transaction of alerts and, for strings, raw garbage bytes, in this order. */
  private static void commit(KafkaProducer<String, byte[]> producer, Topic<String, BudgetAlert> topic,
      Object... values) {
    producer.beginTransaction();
    for (Object value : values) {
      if (value instanceof BudgetAlert alert) {
        send(producer, topic, alert);
      } else {
        producer.send(new ProducerRecord<>(topic.name(), "garbage", value.toString().getBytes(StandardCharsets.UTF_8)));
      }
    }
    producer.commitTransaction();
  }

  private static void send(KafkaProducer<String, byte[]> producer, Topic<String, BudgetAlert> topic,
      BudgetAlert alert) {
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), alert);
    producer.send(new ProducerRecord<>(topic.name(), alert.getCampaignId(), value));
  }
}
