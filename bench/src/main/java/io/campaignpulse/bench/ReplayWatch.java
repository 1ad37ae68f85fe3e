package io.campaignpulse.bench;

import io.campaignpulse.replay.Replay;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The replay's progress callback for the benchmark: notes when the first records were counted, prints the progress
 * every few seconds, and ends the replay (by throwing, which closes it) when it stalls or overruns the timeout.
 */
final class ReplayWatch implements Replay.Progress {

  private static final long PRINT_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream log;
  private final long startNanos;
  private final long stallNanos;
  private final long timeoutNanos;
  private long firstProgressNanos = -1;
  private long lastDone = -1;
  private long lastChange;
  private long nextPrint;

  ReplayWatch(PrintStream log, long startNanos, Duration stall, Duration timeout) {
    this.log = log;
    this.startNanos = startNanos;
    this.stallNanos = stall.toNanos();
    this.timeoutNanos = timeout.toNanos();
    this.lastChange = startNanos;
    this.nextPrint = startNanos + PRINT_EVERY_NANOS;
  }

  @Override
  public void update(long done, long total) {
    long now = System.nanoTime();
    if (done > 0 && firstProgressNanos < 0) {
      firstProgressNanos = now;
    }
    if (done != lastDone) {
      lastDone = done;
      lastChange = now;
    }
    if (now >= nextPrint) {
      nextPrint += PRINT_EVERY_NANOS;
      double seconds = (now - startNanos) / 1e9;
      log.printf(Locale.ROOT, "  %5.1f s: %,d of %,d records counted (%.1f%%)%n", seconds, done, total,
          total == 0 ? 100.0 : done * 100.0 / total);
    }
    if (now - lastChange > stallNanos) {
      throw new BenchException(String.format(Locale.ROOT, "FAILED: the replay made no progress for %d s "
          + "(%,d of %,d records counted)", stallNanos / 1_000_000_000L, done, total));
    }
    if (now - startNanos > timeoutNanos) {
      throw new BenchException(String.format(Locale.ROOT, "FAILED: the replay did not finish within %d s "
          + "(%,d of %,d records counted)", timeoutNanos / 1_000_000_000L, done, total));
    }
  }

  /** Seconds from the start to the first update with records counted; NaN when there was none. */
  double firstProgressSeconds() {
    return firstProgressNanos < 0 ? Double.NaN : (firstProgressNanos - startNanos) / 1e9;
  }
}
