package io.campaignpulse.streams.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.totals.OrderStateSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wall-clock punctuation makes Kafka Streams commit its task, so stage one schedules its emit only while it has
 * pending changes: an idle partition commits nothing.
 */
class EmitScheduleTest {

  private final MockProcessorContext<String, ChangeOutput> context = new MockProcessorContext<>();
  private OrderChangeProcessor processor;
  private PendingChangesStore buffer;

  @BeforeEach
  void init() {
    context.setCurrentSystemTimeMs(0);
    KeyValueStore<String, io.campaignpulse.streams.totals.OrderState> latest = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(StoreNames.ORDERS_LATEST), Serdes.String(), new OrderStateSerde())
        .withLoggingDisabled().build();
    buffer = new PendingChangesStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(
        StoreNames.ORDER_PENDING), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
    latest.init(context.getStateStoreContext(), latest);
    buffer.init(context.getStateStoreContext(), buffer);
    context.addStateStore(latest);
    context.addStateStore(buffer);
    processor = new OrderChangeProcessor("tradein-orders", AnalyticsSettings.defaults(), new PipelineMetrics());
    processor.init(context);
  }

  private void order(String id) {
    TradeInOrder o = Events.order(id, 1, "C-1", OrderStatus.APPROVED, 1_000, 100, Events.T0);
    processor.process(new Record<>(id, Decoded.valid(o, new byte[0]), Events.T0.toEpochMilli()));
  }

  private List<CapturedPunctuator> live() {
    return context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).toList();
  }

  @Test
  void anIdlePartitionSchedulesNothing() {
    assertThat(live()).isEmpty();
  }

  @Test
  void theFirstDeltaSchedulesTheEmitAndAnEmptyIntervalCancelsIt() {
    order("O-1");
    order("O-2");
    assertThat(live()).hasSize(1);

    live().get(0).getPunctuator().punctuate(0);
    assertThat(context.forwarded()).isNotEmpty();
    assertThat(live()).as("it emitted: the next interval may bring more").hasSize(1);

    live().get(0).getPunctuator().punctuate(100);
    assertThat(live()).as("an interval without deltas: no more punctuations, no more commits").isEmpty();

    order("O-3");
    assertThat(live()).as("new deltas schedule the emit again").hasSize(1);
  }

  @Test
  void aProcessorInitializedAgainSchedulesItsEmitAgain() {
    // Given a scheduled emit that Kafka Streams dropped (its punctuator threw) before reviving the task, whose
    // committed snapshot held nothing: the same processor object is initialized again
    order("O-1");
    buffer.clearCache();
    MockProcessorContext<String, ChangeOutput> revived = new MockProcessorContext<>();
    revived.setCurrentSystemTimeMs(0);
    revived.addStateStore(context.getStateStore(StoreNames.ORDERS_LATEST));
    revived.addStateStore(buffer);
    processor.init(revived);
    assertThat(revived.scheduledPunctuators()).isEmpty();

    // When a new version arrives
    TradeInOrder o = Events.order("O-2", 1, "C-1", OrderStatus.APPROVED, 1_000, 100, Events.T0);
    processor.process(new Record<>("O-2", Decoded.valid(o, new byte[0]), Events.T0.toEpochMilli()));

    // Then its change is scheduled for emitting, and the emit sends it
    assertThat(revived.scheduledPunctuators()).hasSize(1);
    revived.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
    assertThat(revived.forwarded()).isNotEmpty();
  }

  @Test
  void anEmitThatNeverRunsIsMadeByALaterRecord() {
    long interval = AnalyticsSettings.DEFAULT_EMIT_INTERVAL.toMillis();
    context.setCurrentSystemTimeMs(1_000);
    order("O-1"); // schedules the emit, which is then lost: its punctuator never runs
    context.setCurrentSystemTimeMs(1_000 + ChangeProcessor.OVERDUE_INTERVALS * interval);
    order("O-2");
    assertThat(context.forwarded()).as("not overdue yet").isEmpty();

    context.setCurrentSystemTimeMs(1_000 + ChangeProcessor.OVERDUE_INTERVALS * interval + 1);
    order("O-3");

    assertThat(context.forwarded()).as("all three orders, emitted by the record").isNotEmpty();
    long orders = context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(v -> v instanceof ChangeOutput.Batch)
        .flatMap(v -> ((ChangeOutput.Batch) v).batch().deltas().stream())
        .filter(d -> d.family() == io.campaignpulse.streams.aggregate.Family.CAMPAIGN_TOTAL)
        .mapToLong(d -> d.counts().orders())
        .sum();
    assertThat(orders).isEqualTo(3);
    assertThat(live()).as("the lost schedule is cancelled; the next change schedules anew").isEmpty();
    order("O-4");
    assertThat(live()).hasSize(1);
  }

  @Test
  void changesRestoredFromTheChangelogAreScheduledAtInit() {
    order("O-1");
    buffer.flushCache(); // the commit writes the snapshot
    buffer.clearCache(); // and a restarted task reads it back
    MockProcessorContext<String, ChangeOutput> restarted = new MockProcessorContext<>();
    restarted.setCurrentSystemTimeMs(0);
    restarted.addStateStore(context.getStateStore(StoreNames.ORDERS_LATEST));
    restarted.addStateStore(buffer);
    new OrderChangeProcessor("tradein-orders", AnalyticsSettings.defaults(), new PipelineMetrics()).init(restarted);
    assertThat(restarted.scheduledPunctuators()).hasSize(1);
  }
}
