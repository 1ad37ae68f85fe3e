package io.campaignpulse.bench;

import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code budget-alerts} as an alert consumer would ({@code read_committed}, from the end when started) and
 * notes the wall time ({@code System.nanoTime}) at which each THRESHOLD alert of the probe campaign became readable:
 * the probe campaign's thresholds are 1, 2, 3, ... percent of a budget of 100 fen and each probe grants 1 fen, so
 * probe k crosses threshold k.
 */
public final class AlertWatcher implements AutoCloseable {

  private final KafkaConsumer<String, BudgetAlert> consumer;
  private final String topic;
  private final String probeCampaign;
  private final long[] seen;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile int count;

  public AlertWatcher(Properties clientProperties, Map<String, Object> serdeConfig, String topic,
      String probeCampaign, int probes) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-alert-watcher");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(TotalsWatcher.FETCH_MAX_WAIT_MS));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    AvroWireDeserializer<BudgetAlert> values = new AvroWireDeserializer<>(BudgetAlert.class);
    values.configure(serdeConfig, false);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
    this.topic = topic;
    this.probeCampaign = probeCampaign;
    this.seen = new long[probes];
    this.thread = new Thread(this::run, "bench-alert-watcher");
    this.thread.setDaemon(true);
  }

  /** Assigns every partition of the topic from its current end and starts reading. */
  public AlertWatcher start() {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before the probes are sent
    thread.start();
    return this;
  }

  /** Probes whose alert has been read. */
  public int seen() {
    return count;
  }

  /** {@code System.nanoTime()} when probe k's alert was read, or 0. */
  public long seenNanos(int k) {
    return seen[k - 1];
  }

  public Throwable failure() {
    return failure.get();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        var batch = consumer.poll(Duration.ofMillis(200));
        long now = System.nanoTime();
        for (ConsumerRecord<String, BudgetAlert> r : batch) {
          BudgetAlert a = r.value();
          if (a != null && a.getKind() == AlertKind.THRESHOLD && probeCampaign.equals(a.getCampaignId())
              && a.getThresholdPercent() >= 1 && a.getThresholdPercent() <= seen.length
              && seen[a.getThresholdPercent() - 1] == 0) {
            seen[a.getThresholdPercent() - 1] = now;
            count++;
          }
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
