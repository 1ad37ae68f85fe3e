package io.campaignpulse.bench;

import java.util.Arrays;

/** Percentiles of a sample by nearest rank (the smallest value with at least p of the sample at or below it). */
public record Percentiles(int count, double p50, double p90, double p99, double max) {

  public static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static Percentiles of(double[] values) {
    if (values.length == 0) {
      return NONE;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return new Percentiles(v.length, rank(v, 0.50), rank(v, 0.90), rank(v, 0.99), v[v.length - 1]);
  }

  static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
