package io.campaignpulse.producers.sim;

/**
 * Splits a whole quantity (orders, visitors, fen) into parts proportional to weights, exactly: the
 * parts add up to the total. Weights are first turned into integers (parts per million of the
 * largest), so a quantity of money is divided with integer arithmetic only (largest remainder method).
 */
final class Allocation {

  private static final long RESOLUTION = 1_000_000L;

  private Allocation() {
  }

  static long[] split(long total, double[] weights) {
    if (total < 0) {
      throw new IllegalArgumentException("negative total " + total);
    }
    double max = 0;
    for (double w : weights) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("negative weight " + w);
      }
      max = Math.max(max, w);
    }
    long[] parts = new long[weights.length];
    if (max == 0) {
      if (total > 0) {
        throw new IllegalArgumentException("cannot split " + total + " over zero weights");
      }
      return parts;
    }
    long[] units = new long[weights.length];
    long sum = 0;
    for (int i = 0; i < weights.length; i++) {
      units[i] = Math.round(weights[i] / max * RESOLUTION);
      sum += units[i];
    }
    long given = 0;
    long[] remainders = new long[weights.length];
    for (int i = 0; i < weights.length; i++) {
      long product = Math.multiplyExact(total, units[i]);
      parts[i] = product / sum;
      remainders[i] = product % sum;
      given += parts[i];
    }
    // hand the units lost to rounding down to the largest remainders (first index wins a tie)
    for (long left = total - given; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < remainders.length; i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      parts[best]++;
      remainders[best] = -1;
    }
    return parts;
  }
}
