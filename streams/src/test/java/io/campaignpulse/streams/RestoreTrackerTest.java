package io.campaignpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener.SuspendReason;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/**
 * The restore counters keep what Kafka Streams restored into active stores apart from what it applied to standby
 * replicas, per store, across batches, partitions and suspended restores.
 */
class RestoreTrackerTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("app-orders-latest-store-changelog", 0);
  private static final TopicPartition ORDERS_3 = new TopicPartition("app-orders-latest-store-changelog", 3);
  private static final TopicPartition TOTALS_3 = new TopicPartition("app-campaign-totals-store-changelog", 3);

  private final PipelineMetrics metrics = new PipelineMetrics();
  private final RestoreTracker tracker = new RestoreTracker(metrics);

  @Test
  void shouldCountRestoredRecordsPerStoreOverBatchesAndPartitions() {
    // Given two partitions of one store and one of another restoring, in batches
    tracker.onRestoreStart(ORDERS_0, StoreNames.ORDERS_LATEST, 0, 1_500);
    tracker.onRestoreStart(ORDERS_3, StoreNames.ORDERS_LATEST, 900, 1_000);
    tracker.onRestoreStart(TOTALS_3, StoreNames.CAMPAIGN_TOTALS, 40, 40);
    tracker.onBatchRestored(ORDERS_0, StoreNames.ORDERS_LATEST, 999, 1_000);
    tracker.onBatchRestored(ORDERS_3, StoreNames.ORDERS_LATEST, 999, 80);
    tracker.onBatchRestored(ORDERS_0, StoreNames.ORDERS_LATEST, 1_499, 470);
    tracker.onRestoreEnd(ORDERS_0, StoreNames.ORDERS_LATEST, 1_470);
    tracker.onRestoreEnd(ORDERS_3, StoreNames.ORDERS_LATEST, 80);
    tracker.onRestoreEnd(TOTALS_3, StoreNames.CAMPAIGN_TOTALS, 0);

    // Then each store's count is the sum of its batches; a store already up to date restored nothing
    assertThat(metrics.restoredRecords(StoreNames.ORDERS_LATEST)).isEqualTo(1_550);
    assertThat(metrics.restoredRecords(StoreNames.CAMPAIGN_TOTALS)).isZero();
    assertThat(metrics.restoredRecords()).isEqualTo(1_550);
    assertThat(metrics.standbyRecords(StoreNames.ORDERS_LATEST)).isZero();
  }

  @Test
  void shouldCountStandbyUpdatesApartFromRestores() {
    // Given a standby replica reading its changelog, then promoted when its active copy is gone
    TaskId task = new TaskId(0, 3);
    tracker.onUpdateStart(ORDERS_3, StoreNames.ORDERS_LATEST, 0);
    tracker.onBatchLoaded(ORDERS_3, StoreNames.ORDERS_LATEST, task, 499, 500, 700);
    tracker.onBatchLoaded(ORDERS_3, StoreNames.ORDERS_LATEST, task, 699, 200, 710);
    tracker.onUpdateSuspended(ORDERS_3, StoreNames.ORDERS_LATEST, 699, 710, SuspendReason.PROMOTED);
    // and the active task restoring only the tail the standby had not read
    tracker.onRestoreStart(ORDERS_3, StoreNames.ORDERS_LATEST, 700, 710);
    tracker.onBatchRestored(ORDERS_3, StoreNames.ORDERS_LATEST, 709, 10);
    tracker.onRestoreEnd(ORDERS_3, StoreNames.ORDERS_LATEST, 10);

    // Then the standby's records and the restored tail are counted apart
    assertThat(metrics.standbyRecords(StoreNames.ORDERS_LATEST)).isEqualTo(700);
    assertThat(metrics.restoredRecords(StoreNames.ORDERS_LATEST)).isEqualTo(10);
  }

  @Test
  void shouldKeepWhatASuspendedRestoreRead() {
    // Given a restore that stops half-way because its task moved to another instance
    tracker.onRestoreStart(ORDERS_0, StoreNames.ORDERS_LATEST, 0, 2_000);
    tracker.onBatchRestored(ORDERS_0, StoreNames.ORDERS_LATEST, 999, 1_000);
    tracker.onRestoreSuspended(ORDERS_0, StoreNames.ORDERS_LATEST, 1_000);

    // Then the records it read count, and a later restore of the same partition adds to them
    assertThat(metrics.restoredRecords(StoreNames.ORDERS_LATEST)).isEqualTo(1_000);
    tracker.onRestoreStart(ORDERS_0, StoreNames.ORDERS_LATEST, 0, 2_000);
    tracker.onBatchRestored(ORDERS_0, StoreNames.ORDERS_LATEST, 1_999, 2_000);
    tracker.onRestoreEnd(ORDERS_0, StoreNames.ORDERS_LATEST, 2_000);
    assertThat(metrics.restoredRecords(StoreNames.ORDERS_LATEST)).isEqualTo(3_000);
  }
}
