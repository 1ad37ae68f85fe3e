package io.campaignpulse.replay;

import io.campaignpulse.contract.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The offsets a replay reads, per input partition: from the first record whose timestamp is at or after
 * {@code from} ({@code offsetsForTimes}), up to the end offset when the replay starts. Every record before that
 * offset has an earlier timestamp, so none of them is in the range as long as a record's timestamp is not before its
 * event time: the pipeline's producers set it to the event time, and a producer that leaves it to the send time (or a
 * topic with LogAppendTime) stamps it later still. Events that reached Kafka out of order come after that offset and
 * are read. Campaign definitions are read from the beginning: a campaign defined before the range still has its
 * budget in it.
 *
 * @param start per partition, the first offset read
 * @param end per partition, the offset at which reading stops (exclusive)
 */
public record ReplayBounds(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {

  public ReplayBounds {
    start = Map.copyOf(start);
    end = Map.copyOf(end);
  }

  /** Finds the bounds on the cluster. */
  public static ReplayBounds find(Properties client, TopicNames topics, Instant from) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "campaign-pulse-replay-bounds");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      Map<TopicPartition, Long> start = new HashMap<>();
      Map<TopicPartition, Long> end = new HashMap<>();
      for (String topic : topics.inputs()) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> firsts = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> starts = new HashMap<>(firsts);
        if (from != null && !topic.equals(topics.campaigns())) {
          Map<TopicPartition, Long> times = new HashMap<>();
          long at = Math.max(0, from.toEpochMilli());
          partitions.forEach(tp -> times.put(tp, at));
          Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
          for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = found.get(tp);
            starts.put(tp, o == null ? ends.get(tp) : Math.max(o.offset(), firsts.get(tp)));
          }
        }
        start.putAll(starts);
        end.putAll(ends);
      }
      return new ReplayBounds(start, end);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("the input topic " + topic + " does not exist");
    }
    List<TopicPartition> result = new ArrayList<>();
    infos.forEach(i -> result.add(new TopicPartition(topic, i.partition())));
    return result;
  }

  /** Records to read. */
  public long total() {
    long sum = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      sum += e.getValue() - start.getOrDefault(e.getKey(), e.getValue());
    }
    return sum;
  }

  /** Records read so far, given the offsets committed per partition. */
  public long done(Map<TopicPartition, Long> committed) {
    long sum = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      long first = start.getOrDefault(e.getKey(), e.getValue());
      long at = committed.getOrDefault(e.getKey(), first);
      sum += Math.max(0, Math.min(at, e.getValue()) - first);
    }
    return sum;
  }

  /** True when every partition's committed offset has reached its end. */
  public boolean reached(Map<TopicPartition, Long> committed) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      long first = start.getOrDefault(e.getKey(), e.getValue());
      if (committed.getOrDefault(e.getKey(), first) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Partitions per input topic, in name order. */
  public Map<String, Integer> partitionCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    end.keySet().forEach(tp -> counts.merge(tp.topic(), 1, Integer::sum));
    return counts;
  }
}
