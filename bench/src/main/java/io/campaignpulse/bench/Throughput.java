package io.campaignpulse.bench;

/**
 * One measured run: records acknowledged, records per second and MB per second, where MB is 2^20 bytes as in
 * Kafka's {@code ProducerPerformance} (so the two sides' figures are in the same unit).
 */
public record Throughput(long records, double recordsPerSec, double mbPerSec) {

  private static final double MB = 1024.0 * 1024.0;

  /** The throughput of {@code records} records of {@code bytes} bytes in total sent in {@code nanos}. */
  public static Throughput of(long records, long bytes, long nanos) {
    if (nanos <= 0) {
      throw new IllegalArgumentException("elapsed time must be positive: " + nanos + " ns");
    }
    double seconds = nanos / 1e9;
    return new Throughput(records, records / seconds, bytes / seconds / MB);
  }
}
