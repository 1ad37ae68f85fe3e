package io.campaignpulse.streams.aggregate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The hour and the day an event time falls in, in the bureau's local time zone, as sortable labels:
 * {@code 2024-05-01T10} and {@code 2024-05-01}. Labels sort in time order, so a range of labels is a range of
 * time. Events mostly come in time order, so the labels of the last local hour are remembered and reused for
 * every event inside it. Not thread-safe: one instance per processor.
 */
public final class TimeBuckets {

  private static final long HOUR_MS = 3_600_000L;
  public static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
  public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");

  private final ZoneId zone;
  private long hourStartMs = Long.MAX_VALUE;
  private String hour;
  private String day;

  public TimeBuckets(ZoneId zone) {
    this.zone = zone;
  }

  /** The local hour of {@code epochMs}, e.g. {@code 2024-05-01T10}. */
  public String hour(long epochMs) {
    fill(epochMs);
    return hour;
  }

  /** The local day of {@code epochMs}, e.g. {@code 2024-05-01}. */
  public String day(long epochMs) {
    fill(epochMs);
    return day;
  }

  private void fill(long epochMs) {
    if (epochMs >= hourStartMs && epochMs - hourStartMs < HOUR_MS) {
      return;
    }
    Instant instant = Instant.ofEpochMilli(epochMs);
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.HOURS);
    hour = HOUR.format(local);
    day = DAY.format(local);
    hourStartMs = local.toInstant(zone.getRules().getOffset(instant)).toEpochMilli();
  }
}
