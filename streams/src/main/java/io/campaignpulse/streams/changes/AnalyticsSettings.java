package io.campaignpulse.streams.changes;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the analytics count time: the local time zone of the hourly and daily series, the grace period after
 * which an event is too late for its windows, and how often the per-partition stage emits its summed deltas
 * (the commit interval is a good value: a shorter one costs more records, a longer one adds latency). State lives
 * in RocksDB, changelogged, unless {@code inMemoryStores} is set: then it is throwaway, in memory and without
 * changelogs, for runs that start from nothing, run one stream thread (so no task moves to another) and end at
 * their first failure (replays, tests), and whose state fits in memory. With {@code emitOnCommit} (the default) the
 * per-partition stage also emits whatever waits when its task commits, so each commit carries the batches of the
 * events it commits and the pending-changes snapshot stays small; tests turn it off to emit at moments of their
 * choosing (Kafka Streams' test driver commits after every record). With {@code ordersFromInput} the orders topic
 * is the changelog of {@code orders-latest-store} instead of a changelog topic of its own (see
 * {@code OrdersLatestStore}; only for RocksDB stores of the live pipeline): faster, but a standby of it waits for
 * the committed offsets of the orders topic, which a crashed instance's open transaction can hold up.
 */
public record AnalyticsSettings(ZoneId zone, Duration grace, Duration emitInterval, boolean inMemoryStores,
    boolean emitOnCommit, boolean ordersFromInput) {

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
  public static final Duration DEFAULT_EMIT_INTERVAL = Duration.ofMillis(100);

  public AnalyticsSettings(ZoneId zone, Duration grace, Duration emitInterval) {
    this(zone, grace, emitInterval, false, true, false);
  }

  public AnalyticsSettings(ZoneId zone, Duration grace, Duration emitInterval, boolean inMemoryStores) {
    this(zone, grace, emitInterval, inMemoryStores, true, false);
  }

  public AnalyticsSettings {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(emitInterval, "emitInterval");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative: " + grace);
    }
    if (emitInterval.isNegative() || emitInterval.isZero()) {
      throw new IllegalArgumentException("the emit interval must be positive: " + emitInterval);
    }
  }

  public static AnalyticsSettings defaults() {
    return new AnalyticsSettings(DEFAULT_ZONE, DEFAULT_GRACE, DEFAULT_EMIT_INTERVAL);
  }

  public AnalyticsSettings withInMemoryStores() {
    return new AnalyticsSettings(zone, grace, emitInterval, true, emitOnCommit, ordersFromInput);
  }

  /** The same settings, emitting at commits or only every emit interval (and at {@code MAX_PENDING}). */
  public AnalyticsSettings withEmitOnCommit(boolean emitOnCommit) {
    return new AnalyticsSettings(zone, grace, emitInterval, inMemoryStores, emitOnCommit, ordersFromInput);
  }

  /** The same settings, with the orders topic as the changelog of {@code orders-latest-store} or not. */
  public AnalyticsSettings withOrdersFromInput(boolean fromInput) {
    return new AnalyticsSettings(zone, grace, emitInterval, inMemoryStores, emitOnCommit, fromInput);
  }
}
