package io.campaignpulse.producers.sim;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams: one per purpose and subject (a campaign's orders, a
 * fair, the fault injector), derived from the simulation seed and a name. Changing one subject's
 * volume or the fault rates therefore leaves every other stream of draws unchanged.
 */
final class Rngs {

  private Rngs() {
  }

  /** A random stream for {@code name}, fully determined by {@code seed} and {@code name}. */
  static SplittableRandom forName(long seed, String name) {
    long h = 1125899906842597L;
    for (int i = 0; i < name.length(); i++) {
      h = 31 * h + name.charAt(i);
    }
    return new SplittableRandom(mix(seed ^ mix(h)));
  }

  /** A log-uniform draw in [min, max): short delays more often than long ones. */
  static double logUniform(SplittableRandom rnd, double min, double max) {
    if (max <= min) {
      return min;
    }
    return Math.exp(Math.log(min) + rnd.nextDouble() * (Math.log(max) - Math.log(min)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
