package io.campaignpulse.streams.query;

import io.campaignpulse.streams.aggregate.TimeBuckets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Where an as-of query cuts the hourly series: {@code requested} truncated to the start of its local hour
 * ({@code asOf}, the effective time of the answer); the hours counted are those before {@code endHour}, the label
 * of that hour, so the last one counted is {@code throughHour}. Requests are clamped to years 0001-9999, where
 * hour labels sort in time order.
 */
record AsOfCut(Instant requested, Instant asOf, String endHour, String throughHour) {

  private static final Instant MIN = Instant.parse("0001-01-02T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-30T00:00:00Z");

  static AsOfCut of(Instant requested, ZoneId zone) {
    Instant t = requested.isBefore(MIN) ? MIN : requested.isAfter(MAX) ? MAX : requested;
    ZonedDateTime hour = t.atZone(zone).truncatedTo(ChronoUnit.HOURS);
    return new AsOfCut(requested, hour.toInstant(), TimeBuckets.HOUR.format(hour),
        TimeBuckets.HOUR.format(hour.minusHours(1)));
  }
}
