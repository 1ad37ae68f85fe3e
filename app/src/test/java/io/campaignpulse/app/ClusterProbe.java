package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.streams.decode.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a failure drill reads from the cluster to judge the app from outside: offsets (committed by the app's group,
 * stable and high), and topics read from the beginning with read_committed, as any downstream reader would.
 */
final class ClusterProbe implements AutoCloseable {

  private final String bootstrapServers;
  private final Admin admin;

  ClusterProbe(String bootstrapServers, Properties adminProperties) {
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(adminProperties);
  }

  Admin admin() {
    return admin;
  }

  static List<String> inputTopics(TopicNames topics) {
    return List.of(topics.campaigns(), topics.orders(), topics.fairVisits(), topics.fairSales());
  }

  /** The end offsets of every partition of these topics: the high watermark, or the last stable offset. */
  Map<TopicPartition, Long> endOffsets(Collection<String> topicNames, IsolationLevel isolation)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, TopicDescription> descriptions = admin.describeTopics(topicNames).allTopicNames()
        .get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    descriptions.values().forEach(d -> d.partitions().forEach(
        p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    return endOffsets(request, isolation);
  }

  private Map<TopicPartition, Long> endOffsets(Map<TopicPartition, OffsetSpec> request, IsolationLevel isolation)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request, new ListOffsetsOptions(isolation))
        .all().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    result.forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  /** Input records written to the input topics (their high watermarks summed). */
  long inputEnd(TopicNames topics) throws Exception {
    return endOffsets(inputTopics(topics), IsolationLevel.READ_UNCOMMITTED).values().stream()
        .mapToLong(Long::longValue).sum();
  }

  /** Input records whose processing the application has committed (its consumer group's offsets). */
  long committedInput(String applicationId, TopicNames topics) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    List<String> inputs = inputTopics(topics);
    return offsets.entrySet().stream().filter(e -> inputs.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /** Records of open transactions in these topics: written after their last stable offsets. */
  long openRecords(List<String> written) throws Exception {
    // stable offsets first: both only grow, so a write between the two requests cannot make the difference negative
    Map<TopicPartition, Long> stable = endOffsets(written, IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, Long> high = endOffsets(written, IsolationLevel.READ_UNCOMMITTED);
    return high.entrySet().stream().mapToLong(e -> e.getValue() - stable.get(e.getKey())).sum();
  }

  /** Every committed record of a topic, from the beginning up to its last stable offset (read_committed). */
  <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values) {
    try (KafkaConsumer<String, V> consumer = consumer(values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return read(consumer, consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    }
  }

  /** The last committed value of each key of a topic. */
  <V> Map<String, V> latest(String topic, Deserializer<V> values) {
    Map<String, V> latest = new TreeMap<>();
    readAll(topic, values).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  /** How many committed records each of these partitions holds below the given offset (read_committed). */
  long committedRecordsBelow(Map<TopicPartition, Long> upTo) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer())) {
      return read(consumer, upTo).size();
    }
  }

  /**
   * The dead letters per source topic, after checking that no source record (topic, partition, offset) is among
   * them twice.
   */
  Map<String, Long> deadLettersBySource(TopicNames topics) {
    Map<String, Long> bySource = new TreeMap<>();
    List<String> sources = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : readAll(topics.deadLetters(), new ByteArrayDeserializer())) {
      String topic = header(r, DeadLetterHeaders.SOURCE_TOPIC);
      bySource.merge(topic, 1L, Long::sum);
      sources.add(topic + "/" + header(r, DeadLetterHeaders.SOURCE_PARTITION) + "/"
          + header(r, DeadLetterHeaders.SOURCE_OFFSET));
    }
    assertThat(sources).as("no source record dead-lettered twice").doesNotHaveDuplicates();
    return bySource;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props, new StringDeserializer(), values);
  }

  /** The records of these partitions from their beginning up to the given offsets. */
  private static <V> List<ConsumerRecord<String, V>> read(KafkaConsumer<String, V> consumer,
      Map<TopicPartition, Long> end) {
    List<ConsumerRecord<String, V>> read = new ArrayList<>();
    consumer.assign(end.keySet());
    consumer.seekToBeginning(end.keySet());
    Predicate<TopicPartition> behind = tp -> consumer.position(tp) < end.get(tp);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (end.keySet().stream().anyMatch(behind)) {
      assertThat(System.nanoTime()).as("read up to %s within 60 s", end).isLessThan(deadline);
      for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
          read.add(r);
        }
      }
    }
    return read;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
  }
}
