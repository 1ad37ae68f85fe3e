package io.campaignpulse.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the changelog records read into this instance's stores, per store, in {@link PipelineMetrics}: records
 * restored into active stores (after a restart, a rebalance or a failover; the instance serves nothing from that
 * task until they are in) apart from records applied to standby replicas (read all along, so that a failover
 * restores only the tail the standby had not read yet). Logs one line per changelog partition whose restore read
 * records, with the offsets it started and ended at: a restore that starts at offset 0 of a long changelog is a
 * task that had no warm copy here.
 *
 * <p>Kafka Streams calls it from its restore thread, once per batch: it only adds to counters.
 */
public final class RestoreTracker implements StateRestoreListener, StandbyUpdateListener {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreTracker.class);

  private record Started(long startOffset, long endOffset, long nanos) {
  }

  private final PipelineMetrics metrics;
  private final Map<TopicPartition, Started> restoring = new ConcurrentHashMap<>();

  public RestoreTracker(PipelineMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void onRestoreStart(TopicPartition changelog, String store, long startOffset, long endOffset) {
    restoring.put(changelog, new Started(startOffset, endOffset, System.nanoTime()));
  }

  @Override
  public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long records) {
    metrics.restored(store, records);
  }

  @Override
  public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
    Started started = restoring.remove(changelog);
    if (totalRestored > 0 && started != null) {
      LOG.info("restored {} records into {} from {} (offsets {} to {}) in {} ms", totalRestored, store, changelog,
          started.startOffset(), started.endOffset(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started.nanos()));
    }
  }

  @Override
  public void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
    Started started = restoring.remove(changelog);
    if (totalRestored > 0 && started != null) {
      LOG.info("restore of {} from {} suspended (the task moved) after {} records from offset {}", store, changelog,
          totalRestored, started.startOffset());
    }
  }

  @Override
  public void onUpdateStart(TopicPartition changelog, String store, long startOffset) {
    // a standby's records are counted as they are read
  }

  @Override
  public void onBatchLoaded(TopicPartition changelog, String store, TaskId task, long batchEndOffset,
      long records, long currentEndOffset) {
    metrics.standbyUpdated(store, records);
  }

  @Override
  public void onUpdateSuspended(TopicPartition changelog, String store, long storeOffset, long currentEndOffset,
      SuspendReason reason) {
    // promoted to active (the rest is restored, and counted, as a restore) or moved away
  }
}
