package io.campaignpulse.bench;

import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.BudgetAlert;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Reads {@code budget-alerts} as an alert consumer would ({@code read_committed}, from the end when started) and
 * notes the wall time ({@code System.nanoTime}) at which each THRESHOLD alert of the probe campaign became readable:
 * the probe campaign's thresholds are 1, 2, 3, ... percent of a budget of 100 fen and each probe grants 1 fen, so
 * probe k crosses threshold k.
 */
public final class AlertWatcher implements AutoCloseable {

  private final CommittedReader<BudgetAlert> reader;
  private final String probeCampaign;
  private final long[] seen;
  private volatile int count;

  public AlertWatcher(Properties clientProperties, Map<String, Object> serdeConfig, String topic,
      String probeCampaign, int probes) {
    this.probeCampaign = probeCampaign;
    this.seen = new long[probes];
    this.reader = new CommittedReader<>(clientProperties, serdeConfig, topic, BudgetAlert.class,
        "bench-alert-watcher", this::take);
  }

  /** Assigns every partition of the topic from its current end and starts reading. */
  public AlertWatcher start() {
    reader.start(false);
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
    return reader.failure();
  }

  private void take(ConsumerRecords<String, BudgetAlert> batch, long now) {
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

  @Override
  public void close() {
    reader.close();
  }
}
