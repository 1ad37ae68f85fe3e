package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.aggregate.TimeBuckets;
import io.campaignpulse.streams.alerts.SubsidyChange;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.store.PreCommitForward;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-partition stage of one input: turns each event into the deltas it makes to the {@link Cell}s it counts
 * in, sums them per aggregate in the task's {@link PendingChanges} (with the orders' per-order subsidy changes) and
 * emits them when the task commits (when the settings say so), at the latest every emit interval, and as soon as
 * {@link #MAX_PENDING} sums and changes wait, as one {@link CampaignBatch} per campaign, keyed by campaignId. Every
 * delta also counts, whatever its cell, in the campaign's net change of the local hour of the event being processed
 * ({@link io.campaignpulse.streams.aggregate.Family#CAMPAIGN_HOURLY_NET}), late or not. Decides lateness: an event
 * whose time is more than the grace period behind the partition's event-time clock (the latest event time of its
 * valid events, duplicates included) does not enter the hourly and daily series (it still counts everywhere else)
 * and is copied to the late-events topic.
 */
abstract class ChangeProcessor<T> implements Processor<String, Decoded<T>, String, ChangeOutput> {

  /** Aggregate sums, net hours and subsidy changes after which the stage emits at once, not at the next commit. */
  static final int MAX_PENDING = 20_000;
  /**
   * Emit intervals after which a scheduled emit that never ran counts as lost, and the next record emits instead.
   * Kafka Streams drops a punctuation schedule whose punctuator threw (it re-adds a schedule only after a normal
   * return) while it may keep the task and this processor running.
   */
  static final int OVERDUE_INTERVALS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(ChangeProcessor.class);

  private final String bufferStoreName;
  private final AnalyticsSettings settings;
  protected final PipelineMetrics metrics;
  protected final TimeBuckets buckets;
  private ProcessorContext<String, ChangeOutput> context;
  private Cancellable emitSchedule;
  private long lastEmitMs; // wall clock of the last emit or of scheduling one
  private boolean emitsOnCommit;
  private PendingChanges pending;
  private long currentEventTime;

  ChangeProcessor(String bufferStoreName, AnalyticsSettings settings, PipelineMetrics metrics) {
    this.bufferStoreName = bufferStoreName;
    this.settings = settings;
    this.metrics = metrics;
    this.buckets = new TimeBuckets(settings.zone());
  }

  @Override
  public void init(ProcessorContext<String, ChangeOutput> context) {
    this.context = context;
    // a revived or resumed task initializes the same processor again, and the schedule it held may be gone
    this.emitSchedule = null;
    PendingChangesStore store = context.getStateStore(bufferStoreName);
    this.pending = store.pending();
    Runnable onCommit = settings.emitOnCommit() ? PreCommitForward.wrap(context, this::emit) : null;
    store.emitBeforeSnapshot(onCommit);
    this.emitsOnCommit = onCommit != null;
    if (!pending.isEmpty()) {
      scheduleEmit(); // changes restored from the changelog
    }
    initStores(context);
  }

  /** Looks up the processor's own stores. */
  protected abstract void initStores(ProcessorContext<String, ChangeOutput> context);

  @Override
  public final void process(Record<String, Decoded<T>> record) {
    T event = record.value().value();
    currentEventTime = eventTime(event);
    pending.observe(currentEventTime);
    process(record, event);
    if (pending.size() >= MAX_PENDING) {
      emit();
    } else if (emitOverdue()) {
      LOG.warn("{}: the scheduled emit has not run for {} ms (over {} intervals): emitting now and scheduling again",
          bufferStoreName, context.currentSystemTimeMs() - lastEmitMs, OVERDUE_INTERVALS);
      emitSchedule.cancel();
      emitSchedule = null;
      emit();
    }
  }

  private boolean emitOverdue() {
    return emitSchedule != null
        && context.currentSystemTimeMs() - lastEmitMs > OVERDUE_INTERVALS * settings.emitInterval().toMillis();
  }

  protected abstract long eventTime(T event);

  protected abstract void process(Record<String, Decoded<T>> record, T event);

  /** The partition's event-time clock: the latest event time of its valid events. */
  protected final long clock() {
    return pending.clock();
  }

  /**
   * True when the event is too late for its hourly and daily windows: more than the grace period behind the
   * latest event time of its partition.
   */
  protected final boolean isLate(long eventTime) {
    return pending.lateness(eventTime) > settings.grace().toMillis();
  }

  /**
   * Adds a delta to a cell, and to its campaign's net change in the hour of the event being processed; it reaches
   * the aggregates at the next emit.
   */
  protected final void add(Cell cell, CampaignCounts delta) {
    pending.add(cell, delta);
    if (!delta.isZero()) {
      pending.addNet(cell.campaignId(), buckets.hour(currentEventTime), delta);
    }
    if (emitSchedule == null) {
      scheduleEmit();
    }
  }

  /**
   * Schedules the next emit. Only a partition with pending changes has one: a wall-clock punctuation makes Kafka
   * Streams commit its task, so an idle partition (an empty fair topic, a quiet hour) scheduling one every interval
   * would commit a transaction every interval for nothing.
   */
  private void scheduleEmit() {
    Cancellable[] self = new Cancellable[1];
    self[0] = context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
      if (self[0] != emitSchedule) {
        self[0].cancel(); // a schedule from before the processor was initialized again: the new one takes over
      }
      if (emitsOnCommit && !pending.isEmpty()
          && context.currentSystemTimeMs() - lastEmitMs < settings.emitInterval().toMillis()) {
        return; // a commit emitted less than an interval ago and the next will: emitting now would add records
      }
      emit(); // or, when nothing waits, cancels the schedule
    });
    emitSchedule = self[0];
    lastEmitMs = context.currentSystemTimeMs();
  }

  /**
   * Queues a subsidy change for the budget stage, under the campaign it changes; it leaves with the campaign's next
   * batch, in processing order.
   */
  protected final void queueSubsidy(String campaignId, SubsidyChange change) {
    pending.addSubsidy(campaignId, change);
    if (emitSchedule == null) {
      scheduleEmit();
    }
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
    long streamTime = pending.clock();
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
    lastEmitMs = context.currentSystemTimeMs();
    if (pending.isEmpty()) {
      if (emitSchedule != null) {
        emitSchedule.cancel(); // nothing since the last emit: the next change schedules again
        emitSchedule = null;
      }
      return;
    }
    long fallbackTime = Math.max(0, pending.clock());
    pending.drain().forEach((campaignId, batch) -> context.forward(new Record<>(campaignId,
        new ChangeOutput.Batch(batch), timestamp(batch, fallbackTime), new RecordHeaders())));
  }

  /** A batch's record timestamp: the latest event time in it, else the partition's clock. */
  private static long timestamp(CampaignBatch batch, long fallback) {
    long latest = CampaignCounts.NO_TIME;
    for (AggregateDelta d : batch.deltas()) {
      latest = Math.max(latest, d.counts().lastEventTime());
    }
    for (SubsidyChange c : batch.subsidyChanges()) {
      latest = Math.max(latest, c.eventTime());
    }
    return latest == CampaignCounts.NO_TIME ? fallback : Math.max(0, latest);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
