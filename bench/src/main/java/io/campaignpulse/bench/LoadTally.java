package io.campaignpulse.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The accounting of one virtual client of {@link HttpLoad} (and, merged, of all of them): a good response counts
 * only when it started and completed inside the measured window, so warm-up requests and the ones cut off at
 * either end are left out; its latency goes into an HdrHistogram in microseconds (3 significant digits). Failures
 * count whenever they happen, warm-up included, since any one of them fails the run. Not thread-safe: one per
 * client thread, merged after the threads ended.
 */
final class LoadTally {

  private final long windowStartNanos;
  private final long windowEndNanos;
  private final Histogram micros = new Histogram(3);
  private long outsideWindow;
  private long non200;
  private long badBodies;
  private long ioErrors;
  private String firstError;

  LoadTally(long windowStartNanos, long windowEndNanos) {
    this.windowStartNanos = windowStartNanos;
    this.windowEndNanos = windowEndNanos;
  }

  /** A good response to a request sent at {@code startNanos}, read completely at {@code endNanos}. */
  void ok(long startNanos, long endNanos) {
    if (startNanos >= windowStartNanos && endNanos <= windowEndNanos) {
      micros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(endNanos - startNanos)));
    } else {
      outsideWindow++;
    }
  }

  void status(int status, String path, String body) {
    non200++;
    first("HTTP " + status + " for " + path + ": " + abbreviate(body));
  }

  void badBody(String path, String problem) {
    badBodies++;
    first("bad body for " + path + ": " + problem);
  }

  void ioError(String path, Exception e) {
    ioErrors++;
    first("I/O error on " + path + ": " + e);
  }

  private void first(String error) {
    if (firstError == null) {
      firstError = error;
    }
  }

  /** Good responses inside the window. */
  long requests() {
    return micros.getTotalCount();
  }

  /** Good responses before or after the window (warm-up, cut off). */
  long outsideWindow() {
    return outsideWindow;
  }

  void add(LoadTally other) {
    micros.add(other.micros);
    outsideWindow += other.outsideWindow;
    non200 += other.non200;
    badBodies += other.badBodies;
    ioErrors += other.ioErrors;
    if (firstError == null) {
      firstError = other.firstError;
    }
  }

  LoadResult result(String generator, String target, int connections, double generatorCpuSeconds) {
    return new LoadResult(generator, target, connections, (windowEndNanos - windowStartNanos) / 1e9, requests(),
        ms(50), ms(90), ms(99), ms(99.9), requests() == 0 ? Double.NaN : micros.getMaxValue() / 1000.0, non200,
        badBodies, ioErrors, firstError, generatorCpuSeconds);
  }

  private double ms(double percentile) {
    return requests() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }
}
