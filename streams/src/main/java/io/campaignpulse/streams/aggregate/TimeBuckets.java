package io.campaignpulse.streams.aggregate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The hour and the day an event time falls in, in the bureau's local time zone, as sortable labels:
 * {@code 2024-05-01T10} and {@code 2024-05-01}. Labels sort in time order, so a range of labels is a range of
 * time. The labels of recent local hours are remembered (up to {@link #REMEMBERED} of them) and reused for every
 * event inside one: an order's new version and the version it replaces usually fall in different hours, and
 * formatting a label costs more than the rest of the event's bookkeeping. Not thread-safe: one instance per
 * processor.
 */
public final class TimeBuckets {

  private static final long HOUR_MS = 3_600_000L;
  /** Every zone offset in use is a multiple of 15 minutes, so a quarter-hour mostly lies inside one local hour. */
  private static final long SLOT_MS = 900_000L;
  static final int REMEMBERED = 4_096;
  public static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
  public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");

  private final ZoneId zone;
  private final Map<Long, LocalHour> recent = new HashMap<>();
  private LocalHour last = new LocalHour(Long.MAX_VALUE, Long.MAX_VALUE, null, null);

  public TimeBuckets(ZoneId zone) {
    this.zone = zone;
  }

  /** The local hour of {@code epochMs}, e.g. {@code 2024-05-01T10}. */
  public String hour(long epochMs) {
    return of(epochMs).hour();
  }

  /** The local day of {@code epochMs}, e.g. {@code 2024-05-01}. */
  public String day(long epochMs) {
    return of(epochMs).day();
  }

  private LocalHour of(long epochMs) {
    if (last.contains(epochMs)) {
      return last;
    }
    Long slot = Math.floorDiv(epochMs, SLOT_MS);
    LocalHour known = recent.get(slot);
    if (known == null || !known.contains(epochMs)) { // a slot can straddle two hours in a zone off the quarter
      known = compute(epochMs);
      if (recent.size() >= REMEMBERED) {
        recent.clear();
      }
      recent.put(slot, known);
    }
    last = known;
    return known;
  }

  private LocalHour compute(long epochMs) {
    Instant instant = Instant.ofEpochMilli(epochMs);
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.HOURS);
    long startMs = local.toInstant(zone.getRules().getOffset(instant)).toEpochMilli();
    return new LocalHour(startMs, startMs + HOUR_MS, HOUR.format(local), DAY.format(local));
  }

  /** A local hour as the instants it spans, [startMs, endMs), with its labels. */
  private record LocalHour(long startMs, long endMs, String hour, String day) {

    boolean contains(long epochMs) {
      return epochMs >= startMs && epochMs < endMs;
    }
  }
}
