package io.campaignpulse.bench;

/**
 * One closed-loop load run against one endpoint: requests completed within the measured window, their latency
 * percentiles in milliseconds, and every failure seen over the whole run, warm-up included (non-200 responses,
 * bodies that failed the check, I/O errors). {@code badBodies} is {@link #NOT_CHECKED} for a generator that does
 * not read bodies (wrk); {@code generatorCpuSeconds} is NaN when the generator's CPU was not measured.
 */
public record LoadResult(String generator, String target, int connections, double seconds, long requests,
    double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, long non200, long badBodies,
    long ioErrors, String firstError, double generatorCpuSeconds) {

  public static final long NOT_CHECKED = -1;

  public double requestsPerSec() {
    return requests / seconds;
  }

  /** Failures of every kind. */
  public long errors() {
    return non200 + Math.max(0, badBodies) + ioErrors;
  }

  /** Cores the generator kept busy over the window, NaN when not measured. */
  public double generatorCores() {
    return generatorCpuSeconds / seconds;
  }
}
