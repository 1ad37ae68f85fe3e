package io.campaignpulse.bench;

import io.campaignpulse.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjLongConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of one output topic as a client of the pipeline would ({@code read_committed}, no group),
 * on its own daemon thread, handing each batch and the {@code System.nanoTime()} it arrived at to a callback.
 * Short fetch waits keep the observation delay small: a poll returns as soon as a transaction's records become
 * readable, or after at most {@link #FETCH_MAX_WAIT_MS}.
 */
final class CommittedReader<V extends SpecificRecord> implements AutoCloseable {

  static final int FETCH_MAX_WAIT_MS = 20;

  private final KafkaConsumer<String, V> consumer;
  private final String topic;
  private final Thread thread;
  private final ObjLongConsumer<ConsumerRecords<String, V>> onBatch;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  CommittedReader(Properties clientProperties, Map<String, Object> serdeConfig, String topic, Class<V> type,
      String name, ObjLongConsumer<ConsumerRecords<String, V>> onBatch) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(FETCH_MAX_WAIT_MS));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    AvroWireDeserializer<V> values = new AvroWireDeserializer<>(type);
    values.configure(serdeConfig, false);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
    this.topic = topic;
    this.onBatch = onBatch;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** Assigns every partition, from the beginning or from the current end, and starts reading. */
  void start(boolean fromBeginning) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new BenchException("topic " + topic + " has no partitions (does it exist?)");
    }
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end now, before anything new is written
    }
    thread.start();
  }

  /** Why the reader stopped, if it failed. */
  Throwable failure() {
    return failure.get();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        ConsumerRecords<String, V> batch = consumer.poll(Duration.ofMillis(200));
        long now = System.nanoTime();
        if (!batch.isEmpty()) {
          onBatch.accept(batch, now);
        }
      }
    } catch (WakeupException stopping) {
      // closed
    } catch (Throwable t) {
      failure.set(t);
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
