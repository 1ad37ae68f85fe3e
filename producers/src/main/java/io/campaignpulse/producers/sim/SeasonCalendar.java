package io.campaignpulse.producers.sim;

import io.campaignpulse.producers.sim.Scenario.CalendarSpec;
import io.campaignpulse.producers.sim.Scenario.Period;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * When people shop and visit: the relative weight of each day (weekends, public holidays with their
 * make-up workdays, shopping peaks such as the Spring Festival run-up, Double 11 and the Mid-Autumn /
 * National Day golden week) and the hourly shape of a day, in the scenario's time zone.
 */
final class SeasonCalendar {

  static final long HOUR_MS = 3_600_000L;

  private final ZoneId zone;
  private final CalendarSpec spec;
  private final Set<LocalDate> makeUpWorkdays;
  private final Map<String, HourProfile> profiles = new HashMap<>();

  SeasonCalendar(Scenario scenario) {
    this.zone = scenario.zone();
    this.spec = scenario.calendar();
    this.makeUpWorkdays = spec.makeUpWorkdays().stream().map(LocalDate::parse).collect(Collectors.toSet());
    spec.hourProfiles().forEach((name, weights) -> profiles.put(name, new HourProfile(weights)));
  }

  ZoneId zone() {
    return zone;
  }

  /** Epoch millis of the day's local midnight. */
  long dayStartMs(LocalDate day) {
    return day.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /**
   * Relative shopping weight of a day: 1 on a workday, the weekend weight on a weekend (unless it is a
   * make-up workday), a holiday's weight on a public holiday, times every peak the day falls in.
   */
  double dayWeight(LocalDate day) {
    double w = 1.0;
    Period holiday = find(spec.holidays(), day);
    if (holiday != null) {
      w = holiday.weight();
    } else if (isWeekend(day) && !makeUpWorkdays.contains(day)) {
      w = spec.weekendWeight();
    }
    for (Period peak : spec.peaks()) {
      if (peak.contains(day)) {
        w *= peak.weight();
      }
    }
    return w;
  }

  /** A random day-to-day factor around 1 (uniform in 1 +- dailyNoise). */
  double noise(SplittableRandom rnd) {
    return 1.0 + spec.dailyNoise() * (2 * rnd.nextDouble() - 1);
  }

  HourProfile profile(String name) {
    HourProfile p = profiles.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown hour profile " + name);
    }
    return p;
  }

  /** A random instant of {@code day}, its hour drawn from the profile. */
  long sampleTime(LocalDate day, HourProfile profile, SplittableRandom rnd) {
    return dayStartMs(day) + profile.sampleHour(rnd) * HOUR_MS + rnd.nextLong(HOUR_MS);
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static Period find(List<Period> periods, LocalDate day) {
    for (Period p : periods) {
      if (p.contains(day)) {
        return p;
      }
    }
    return null;
  }

  /** The shape of a day over its 24 hours; hours of weight 0 are closed. */
  static final class HourProfile {
    private final double[] weights = new double[24];
    private final Weighted<Integer> hours;

    HourProfile(List<Double> weights) {
      for (int h = 0; h < 24; h++) {
        this.weights[h] = weights.get(h);
      }
      this.hours = new Weighted<>(java.util.stream.IntStream.range(0, 24).boxed().toList(), h -> this.weights[h]);
    }

    int sampleHour(SplittableRandom rnd) {
      return hours.pick(rnd);
    }

    /** The hour's weight (0 when closed). */
    double weight(int hour) {
      return weights[hour];
    }
  }
}
