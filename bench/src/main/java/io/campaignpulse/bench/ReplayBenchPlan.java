package io.campaignpulse.bench;

import io.campaignpulse.replay.Replay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code bench replay} runs: the workload (events over orders and campaigns, from {@code start} over
 * {@code days}), the topics, and the replay's settings ({@code streamsProperties} go with its client settings).
 *
 * @param preset the name of a preset ({@code district-2024}), or null
 */
public record ReplayBenchPlan(String preset, long events, int orders, int campaigns, int partitions,
    short replicationFactor, long seed, Instant start, int days, int rounds, int threads, long commitIntervalMs,
    Map<String, String> streamsProperties, Path clientConfig, boolean consumerPerf, Duration timeout, Path workDir,
    Path json) {

  /** A district's whole 2024: about 36,000 trade-in orders, 1-4 versions each. */
  static final int DISTRICT_ORDERS = 36_000;
  static final long DISTRICT_EVENTS = 60_000;
  static final int DISTRICT_CAMPAIGNS = 12;
  static final Instant YEAR_2024_START = Instant.parse("2023-12-31T16:00:00Z"); // 2024-01-01 00:00 in Beijing
  static final int YEAR_2024_DAYS = 366;

  /** The order workload; throws IllegalArgumentException when the counts do not fit. */
  OrderWorkload.Spec workloadSpec() {
    return new OrderWorkload.Spec(events, orders, StreamsBenchmark.DUPLICATE_SHARE,
        StreamsBenchmark.OUT_OF_ORDER_SHARE, start, days, "TI", seed);
  }

  /** The replay's emit and commit interval: the one asked for, but at least {@link Replay#MIN_EMIT_INTERVAL}. */
  long effectiveCommitIntervalMs() {
    return Math.max(commitIntervalMs, Replay.MIN_EMIT_INTERVAL.toMillis());
  }

  /** The replay's knobs as one line: threads, commit interval (as the replay uses it), every override by key. */
  String knobs() {
    List<String> parts = new ArrayList<>();
    parts.add("threads=" + threads);
    parts.add("commit.interval.ms=" + effectiveCommitIntervalMs());
    new TreeMap<>(streamsProperties).forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }
}
