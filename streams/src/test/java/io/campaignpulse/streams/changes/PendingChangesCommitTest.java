package io.campaignpulse.streams.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.alerts.SubsidyChange;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once hinge of stage one: Kafka Streams' own commit (here the real task under TopologyTestDriver,
 * which commits after every input record) writes the pending changes to the store's changelog before the offsets,
 * so changes processed but not yet emitted are in what a restarted task restores; and, emitting on commit, the
 * commit first sends them.
 */
class PendingChangesCommitTest {

  @Test
  void theCommitWritesChangesNotYetEmittedAndARestartedTaskReadsThemBack() {
    try (PipelineHarness pipeline = new PipelineHarness(AnalyticsSettings.defaults().withEmitOnCommit(false))) {
      pipeline.order(Events.order("O-1", 1, "C-1", OrderStatus.APPROVED, 1_000_00, 100_00, Events.T0));
      pipeline.order(Events.order("O-2", 1, "C-2", OrderStatus.SUBMITTED, 2_000_00, 200_00, Events.T0));
      assertThat(pipeline.totalsTopic.isEmpty()).as("nothing emitted yet").isTrue();

      PendingChangesStore store = (PendingChangesStore) pipeline.driver.getStateStore(StoreNames.ORDER_PENDING);
      store.clearCache(); // forget the memory copy: what is left is what the commits wrote
      PendingChanges restored = store.pending();

      assertThat(restored.clock()).isEqualTo(Events.T0.toEpochMilli());
      var batches = restored.drain();
      assertThat(batches).containsOnlyKeys("C-1", "C-2");
      assertThat(batches.get("C-1").subsidyChanges())
          .containsExactly(new SubsidyChange("O-1", Events.T0.toEpochMilli(), 100_00, 0));
      assertThat(batches.get("C-2").subsidyChanges())
          .containsExactly(new SubsidyChange("O-2", Events.T0.toEpochMilli(), 0, 200_00));
      assertThat(batches.get("C-1").deltas()).isNotEmpty();
    }
  }

  @Test
  void emittingOnCommitSendsTheBatchesInTheCommitAndLeavesOnlyTheClockInTheSnapshot() {
    try (PipelineHarness pipeline = new PipelineHarness()) { // the default, as the live pipeline runs
      pipeline.order(Events.order("O-1", 1, "C-1", OrderStatus.APPROVED, 1_000_00, 100_00, Events.T0));
      pipeline.order(Events.order("O-2", 1, "C-2", OrderStatus.SUBMITTED, 2_000_00, 200_00, Events.T0.plusSeconds(1)));
      // no emit interval has passed: the commits after each record carried the batches
      var published = pipeline.totalsTopic.readKeyValuesToMap();
      assertThat(published).containsOnlyKeys("C-1", "C-2");
      assertThat(published.get("C-1").getSubsidyFen()).isEqualTo(100_00);
      assertThat(published.get("C-2").getPendingSubsidyFen()).isEqualTo(200_00);

      PendingChangesStore store = (PendingChangesStore) pipeline.driver.getStateStore(StoreNames.ORDER_PENDING);
      store.clearCache();
      PendingChanges restored = store.pending();
      assertThat(restored.isEmpty()).as("nothing left to emit after a restart").isTrue();
      assertThat(restored.clock()).isEqualTo(Events.T0.plusSeconds(1).toEpochMilli());
    }
  }
}
