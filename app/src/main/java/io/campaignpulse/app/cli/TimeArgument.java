package io.campaignpulse.app.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A point in time on the command line: an ISO instant ({@code 2024-05-01T02:00:00Z}), an offset date-time
 * ({@code 2024-05-01T10:00+08:00}), a local date-time ({@code 2024-05-01T10:00}) or a local date (its start) in the
 * analytics' time zone.
 */
final class TimeArgument {

  private TimeArgument() {
  }

  /** The instant, or null for null; throws IllegalArgumentException saying what is accepted. */
  static Instant parse(String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notDate) {
          throw new IllegalArgumentException("cannot read the time '" + text + "': expected 2024-05-01, "
              + "2024-05-01T10:00 (in " + zone + "), 2024-05-01T10:00+08:00 or 2024-05-01T02:00:00Z");
        }
      }
    }
  }
}
