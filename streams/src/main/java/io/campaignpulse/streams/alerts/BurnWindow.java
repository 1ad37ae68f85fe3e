package io.campaignpulse.streams.alerts;

import java.math.BigInteger;

/**
 * A campaign's granted subsidy per hour of event time over its last {@code n} hours, newest hour included, for
 * its recent burn rate. Hours are UTC epoch hours; changes older than the window only count in the totals. The
 * rate is over the hours of the window since the campaign started, so a campaign younger than the window is not
 * underestimated.
 */
final class BurnWindow {

  static final long HOUR_MS = 3_600_000L;
  static final long NO_HOUR = Long.MIN_VALUE;

  private final long[] fen;
  private long newestHour;
  /** The sum of {@link #fen}, kept as it changes (wrapping as the array's sum would): asked for at every change. */
  private long sumFen;

  BurnWindow(int hours) {
    this(new long[hours], NO_HOUR);
  }

  BurnWindow(long[] fen, long newestHour) {
    if (fen.length < 1) {
      throw new IllegalArgumentException("a burn window needs at least one hour");
    }
    this.fen = fen;
    this.newestHour = newestHour;
    for (long f : fen) {
      sumFen += f;
    }
  }

  /** Adds a granted-subsidy change (either sign) at an event time. */
  void add(long eventTime, long grantedFen) {
    long hour = Math.floorDiv(eventTime, HOUR_MS);
    if (newestHour == NO_HOUR) {
      newestHour = hour;
    } else if (hour > newestHour) {
      long clear = Math.min(hour - newestHour, fen.length);
      for (long h = hour - clear + 1; h <= hour; h++) {
        sumFen -= fen[slot(h)];
        fen[slot(h)] = 0;
      }
      newestHour = hour;
    } else if (hour <= newestHour - fen.length) {
      return;
    }
    fen[slot(hour)] += grantedFen;
    sumFen += grantedFen;
  }

  /** Granted subsidy in the window, net of corrections. */
  long sumFen() {
    return newestHour == NO_HOUR ? 0 : sumFen;
  }

  /**
   * Hours the rate is taken over: the window's, or fewer when the campaign started within it (at least one);
   * {@code startHour} is the campaign's first hour, or {@link #NO_HOUR} when unknown.
   */
  long coveredHours(long startHour) {
    if (newestHour == NO_HOUR) {
      return 0;
    }
    long from = startHour == NO_HOUR ? newestHour - fen.length + 1 : Math.max(newestHour - fen.length + 1, startHour);
    return Math.max(1, newestHour - from + 1);
  }

  /** Granted fen per day at the recent rate, rounded down; 0 without spending. */
  long fenPerDay(long startHour) {
    long sum = sumFen();
    long hours = coveredHours(startHour);
    if (sum <= 0 || hours == 0) {
      return 0;
    }
    return sum <= Long.MAX_VALUE / 24 ? sum * 24 / hours
        : BigInteger.valueOf(sum).multiply(BigInteger.valueOf(24)).divide(BigInteger.valueOf(hours)).longValueExact();
  }

  /**
   * Milliseconds until {@code remainingFen} is spent at the recent rate, rounded up; -1 when nothing is being
   * spent (no projection).
   */
  long millisToSpend(long remainingFen, long startHour) {
    long sum = sumFen();
    long hours = coveredHours(startHour);
    if (sum <= 0 || hours == 0) {
      return -1;
    }
    if (remainingFen <= 0) {
      return 0;
    }
    long spanMs = hours * HOUR_MS; // at most 90 days
    long product = remainingFen * spanMs;
    if (Math.multiplyHigh(remainingFen, spanMs) == 0 && product >= 0) { // fits a long: no BigInteger per change
      return product / sum + (product % sum == 0 ? 0 : 1);
    }
    BigInteger[] qr = BigInteger.valueOf(remainingFen).multiply(BigInteger.valueOf(hours * HOUR_MS))
        .divideAndRemainder(BigInteger.valueOf(sum));
    BigInteger ms = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return ms.bitLength() < 63 ? ms.longValue() : Long.MAX_VALUE;
  }

  int hours() {
    return fen.length;
  }

  long newestHour() {
    return newestHour;
  }

  long[] buckets() {
    return fen.clone();
  }

  private int slot(long hour) {
    return (int) Math.floorMod(hour, (long) fen.length);
  }
}
