package io.campaignpulse.replay.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two campaigns side by side, e.g. two years of a seasonal series: the analyst's "visitor flow +48.4%". Growth is
 * exact, from integer counts: (other - base) / base * 100, rounded half up to one decimal, per {@link Totals}
 * metric; a metric whose base is 0 has no growth (absent, not infinite).
 *
 * @param growthPercent metric name (as in {@link Totals#asMap()}) to growth, sorted by name
 */
public record Comparison(String baseId, String otherId, Totals base, Totals other,
    Map<String, BigDecimal> growthPercent) {

  public Comparison {
    growthPercent = Collections.unmodifiableSortedMap(new TreeMap<>(growthPercent));
  }

  /** Compares {@code other} with {@code base}. */
  public static Comparison of(String baseId, Totals base, String otherId, Totals other) {
    Map<String, Long> before = base.asMap();
    Map<String, Long> now = other.asMap();
    Map<String, BigDecimal> growth = new TreeMap<>();
    before.forEach((metric, b) -> {
      if (b != 0) {
        growth.put(metric, growth(b, now.get(metric)));
      }
    });
    return new Comparison(baseId, otherId, base, other, growth);
  }

  /** (now - before) / before as a percentage, one decimal, half up; before must not be 0. */
  static BigDecimal growth(long before, long now) {
    return BigDecimal.valueOf(now).subtract(BigDecimal.valueOf(before)).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP);
  }
}
