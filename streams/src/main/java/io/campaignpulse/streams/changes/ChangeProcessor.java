package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.aggregate.TimeBuckets;
import io.campaignpulse.streams.alerts.SubsidyChange;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-partition stage of one input: turns each event into the deltas it makes to the {@link Cell}s it counts
 * in, sums them in a {@link DeltaBuffer} and emits them, expanded into aggregates, every emit interval, keyed by
 * campaignId. Decides lateness: an
 * event whose time is more than the grace period behind the partition's stream time does not enter the hourly
 * and daily series (it still counts everywhere else) and is copied to the late-events topic. The partition's
 * time is its {@link EventClock}: the latest event time of its valid events, duplicates included.
 */
abstract class ChangeProcessor<T> implements Processor<String, Decoded<T>, String, ChangeOutput> {

  private final String bufferStoreName;
  private final AnalyticsSettings settings;
  protected final PipelineMetrics metrics;
  protected final TimeBuckets buckets;
  private ProcessorContext<String, ChangeOutput> context;
  private Cancellable emitSchedule;
  private DeltaBuffer buffer;
  private EventClock clock;

  ChangeProcessor(String bufferStoreName, AnalyticsSettings settings, PipelineMetrics metrics) {
    this.bufferStoreName = bufferStoreName;
    this.settings = settings;
    this.metrics = metrics;
    this.buckets = new TimeBuckets(settings.zone());
  }

  @Override
  public void init(ProcessorContext<String, ChangeOutput> context) {
    this.context = context;
    KeyValueStore<String, CampaignCounts> store = context.getStateStore(bufferStoreName);
    this.buffer = new DeltaBuffer(store);
    this.clock = new EventClock(store);
    if (buffer.size() > 0) {
      scheduleEmit(); // sums restored from the changelog
    }
    initStores(context);
  }

  /** Looks up the processor's own stores. */
  protected abstract void initStores(ProcessorContext<String, ChangeOutput> context);

  @Override
  public final void process(Record<String, Decoded<T>> record) {
    T event = record.value().value();
    clock.observe(eventTime(event));
    process(record, event);
  }

  protected abstract long eventTime(T event);

  protected abstract void process(Record<String, Decoded<T>> record, T event);

  /**
   * True when the event is too late for its hourly and daily windows: more than the grace period behind the
   * latest event time of its partition.
   */
  protected final boolean isLate(long eventTime) {
    return clock.lateness(eventTime) > settings.grace().toMillis();
  }

  /** Adds a delta to a cell; it reaches the cell's aggregates at the next emit. */
  protected final void add(Cell cell, CampaignCounts delta) {
    buffer.add(cell, delta);
    if (emitSchedule == null) {
      scheduleEmit();
    }
  }

  /**
   * Schedules the next emit. Only a partition with summed deltas has one: a wall-clock punctuation makes Kafka
   * Streams commit its task, so an idle partition (an empty fair topic, a quiet hour) scheduling one every interval
   * would commit a transaction every interval for nothing.
   */
  private void scheduleEmit() {
    emitSchedule = context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> emit());
  }

  /**
   * Sends a subsidy change to the budget stage at once (not at the next emit: an alert should not wait), keyed by
   * the campaign it changes.
   */
  protected final void forwardSubsidy(String campaignId, SubsidyChange change) {
    context.forward(new Record<>(campaignId, new ChangeOutput.Subsidy(change), Math.max(0, change.eventTime()),
        new RecordHeaders()));
  }

  /** The local hour of an event time, or null when the event is late and stays out of the series. */
  protected final String hourUnlessLate(long eventTime, boolean late) {
    return late ? null : buckets.hour(eventTime);
  }

  /** Copies a late event, original bytes and key, to the late-events topic with headers saying how late. */
  protected final void forwardLate(Record<String, Decoded<T>> record, String sourceTopic) {
    metrics.lateEvent(sourceTopic);
    Headers headers = new RecordHeaders(record.headers().toArray());
    RecordMetadata meta = context.recordMetadata().orElse(null);
    long streamTime = clock.now();
    headers.add(LateEventHeaders.SOURCE_TOPIC, utf8(sourceTopic));
    if (meta != null) {
      headers.add(LateEventHeaders.SOURCE_PARTITION, utf8(Integer.toString(meta.partition())));
      headers.add(LateEventHeaders.SOURCE_OFFSET, utf8(Long.toString(meta.offset())));
    }
    headers.add(LateEventHeaders.PARTITION_EVENT_TIME, utf8(Long.toString(streamTime)));
    headers.add(LateEventHeaders.LATE_BY_MS, utf8(Long.toString(streamTime - record.timestamp())));
    context.forward(new Record<>(record.key(), new ChangeOutput.Late(record.value().rawValue()),
        record.timestamp(), headers));
  }

  private void emit() {
    if (buffer.size() == 0) {
      emitSchedule.cancel(); // nothing since the last emit: the next add schedules again
      emitSchedule = null;
      return;
    }
    buffer.drain((key, sum) -> context.forward(new Record<>(key.campaignId(),
        new ChangeOutput.Delta(new AggregateDelta(key.family(), key.dimension(), sum)),
        sum.lastEventTime() == CampaignCounts.NO_TIME ? Math.max(0, clock.now()) : sum.lastEventTime(),
        new RecordHeaders())));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
