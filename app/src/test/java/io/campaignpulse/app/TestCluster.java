package io.campaignpulse.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft cluster in this JVM (Kafka's own test kit), for integration tests. */
public final class TestCluster implements AutoCloseable {

  private final KafkaClusterTestKit kit;

  private TestCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  public static TestCluster start() throws Exception {
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(
        new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("auto.create.topics.enable", "false")
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return new TestCluster(kit);
  }

  public String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /**
   * Reads a topic from the beginning with read_committed until {@code done} holds for what was read, or the
   * timeout passes; returns every record read.
   */
  public <V> List<ConsumerRecord<String, V>> readUntil(String topic, Deserializer<V> values,
      Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + java.util.UUID.randomUUID());
    List<ConsumerRecord<String, V>> read = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !done.test(read)) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  public List<ConsumerRecord<String, byte[]>> readBytesUntil(String topic,
      Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    return readUntil(topic, new ByteArrayDeserializer(), done, timeout);
  }

  /** The last value per key among the records. */
  public static <V> Map<String, V> latestByKey(List<ConsumerRecord<String, V>> records) {
    Map<String, V> latest = new HashMap<>();
    records.forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
