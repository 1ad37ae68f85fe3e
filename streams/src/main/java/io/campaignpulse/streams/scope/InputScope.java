package io.campaignpulse.streams.scope;

import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;

/**
 * The part of the inputs a replay counts, and how it changes them: the offsets to read up to (exclusive, captured
 * when the replay starts, so records that arrive later are not read), the campaigns, the event-time range, and a
 * rewrite of each order (a what-if subsidy rule). The live pipeline has no scope: it counts everything.
 *
 * <p>A record beyond its partition's end offset is not part of the replay and is passed over before it is decoded;
 * a valid event outside the time range is passed over after; a record that cannot be decoded within the offsets
 * goes to the replay's own dead letters like in the live pipeline. The counters say how many of each there were, so
 * a replay's report accounts for every record it read.
 *
 * <p>The campaigns are chosen after the per-partition stage, on its campaign batches, not on the events: an order
 * whose later version moved it to another campaign, or a fair sale first seen under another campaign, must still
 * be seen, so that each campaign counts exactly what the live pipeline counts for it. Campaign definitions of
 * other campaigns are passed over at once.
 *
 * @param endOffsets per input partition, the offset before which records are read; a partition that is absent is
 *     not read at all
 * @param campaigns the campaign ids counted; empty for all
 * @param from the first event time counted, or null for no lower bound
 * @param to the event time from which nothing is counted (exclusive), or null for no upper bound
 * @param orderRewrite applied to every valid order in scope before it counts (identity for none)
 */
public record InputScope(Map<TopicPartition, Long> endOffsets, Set<String> campaigns, Instant from, Instant to,
    UnaryOperator<TradeInOrder> orderRewrite, Counters counters) {

  public InputScope {
    endOffsets = Map.copyOf(endOffsets);
    campaigns = Set.copyOf(campaigns);
    Objects.requireNonNull(orderRewrite, "orderRewrite");
    Objects.requireNonNull(counters, "counters");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("the range is empty: from " + from + " is not before to " + to);
    }
  }

  /** True when the record at this offset is part of the replay. */
  public boolean reads(String topic, int partition, long offset) {
    return offset < endOffset(topic, partition);
  }

  /** The offset at which reading this partition stops; 0 for a partition that is not read. */
  public long endOffset(String topic, int partition) {
    return endOffsets.getOrDefault(new TopicPartition(topic, partition), 0L);
  }

  /** True when a campaign definition counts: every definition of a campaign in scope, whatever its time. */
  public boolean includesCampaign(String campaignId) {
    return campaigns.isEmpty() || campaigns.contains(campaignId);
  }

  /** True when an event at this time is within the range. */
  public boolean inRange(Instant eventTime) {
    return (from == null || !eventTime.isBefore(from)) && (to == null || eventTime.isBefore(to));
  }

  /** What the scope did with the records it saw; shared by the tasks of one replay. */
  public static final class Counters {
    private final LongAdder read = new LongAdder();
    private final LongAdder passedOver = new LongAdder();
    private final LongAdder beyondEnd = new LongAdder();

    void countRead() {
      read.increment();
    }

    void countPassedOver() {
      passedOver.increment();
    }

    void countBeyondEnd() {
      beyondEnd.increment();
    }

    /** Records within the offsets, valid or not. */
    public long read() {
      return read.sum();
    }

    /** Valid events within the offsets but outside the time range, and definitions of other campaigns. */
    public long passedOver() {
      return passedOver.sum();
    }

    /** Records past the end offsets (arrived after the replay started), not read. */
    public long beyondEnd() {
      return beyondEnd.sum();
    }
  }
}
