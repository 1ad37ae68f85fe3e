package io.campaignpulse.streams.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A series' years from parts: the years of the campaigns one store partition holds, or the answers of several
 * instances. Parts of the same year add up (their campaign ids join, sorted); growth is then taken over the
 * previous calendar year of the whole, so it never depends on how the campaigns were spread.
 */
public final class SeriesYears {

  private SeriesYears() {
  }

  /** The years of the parts, summed per year, in year order, with growth over the year before when it has one. */
  public static List<SeriesYear> combine(Collection<SeriesYear> parts) {
    TreeMap<Integer, SeriesYear> sums = new TreeMap<>();
    for (SeriesYear part : parts) {
      sums.merge(part.year(), part, SeriesYears::add);
    }
    List<SeriesYear> years = new ArrayList<>(sums.size());
    SeriesYear previous = null;
    for (SeriesYear sum : sums.values()) {
      boolean follows = previous != null && previous.year() == sum.year() - 1;
      years.add(new SeriesYear(sum.year(), sum.campaignIds(), sum.visitors(), sum.consumptionFen(),
          sum.fairSalesFen(), sum.orders(), sum.subsidyFen(),
          follows ? growth(previous.visitors(), sum.visitors()) : null,
          follows ? growth(previous.consumptionFen(), sum.consumptionFen()) : null));
      previous = sum;
    }
    return years;
  }

  private static SeriesYear add(SeriesYear a, SeriesYear b) {
    TreeSet<String> ids = new TreeSet<>(a.campaignIds());
    ids.addAll(b.campaignIds());
    return new SeriesYear(a.year(), List.copyOf(ids), a.visitors() + b.visitors(),
        a.consumptionFen() + b.consumptionFen(), a.fairSalesFen() + b.fairSalesFen(), a.orders() + b.orders(),
        a.subsidyFen() + b.subsidyFen(), null, null);
  }

  /** (now - before) / before as a percentage rounded half-up to one decimal, e.g. "48.4"; null when before is 0. */
  static String growth(long before, long now) {
    if (before == 0) {
      return null;
    }
    return BigDecimal.valueOf(now - before).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP).toPlainString();
  }
}
