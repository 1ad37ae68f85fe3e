package io.campaignpulse.producers.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads an event time: an ISO-8601 instant ({@code 2024-10-01T08:30:00Z}), an ISO-8601 time with offset
 * ({@code 2024-10-01T16:30:00+08:00}; a space may stand for the {@code T}), or epoch milliseconds. A time without
 * offset is refused rather than guessed at, and so is a number too small to be epoch milliseconds after 1973 (it
 * is almost certainly epoch seconds). Precision below a millisecond is dropped: the record holds milliseconds.
 */
public final class EventTimes {

  /** Epoch milliseconds below this (1973-03-03) are taken for a mistake, most likely epoch seconds. */
  static final long MIN_EPOCH_MILLIS = 100_000_000_000L;

  private EventTimes() {
  }

  /** The instant {@code text} denotes; throws {@link RejectedLineException} naming {@code column}. */
  public static Instant parse(String column, String text) {
    if (text.isEmpty()) {
      throw new RejectedLineException(column + " is missing");
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      long millis;
      try {
        millis = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new RejectedLineException(column + " " + text + " is out of range");
      }
      if (millis < MIN_EPOCH_MILLIS) {
        throw new RejectedLineException(column + " " + text
            + " is before 1973 as epoch milliseconds (epoch seconds? multiply by 1000)");
      }
      return Instant.ofEpochMilli(millis);
    }
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      if (isLocal(iso)) {
        throw new RejectedLineException(column + " '" + text
            + "' has no offset; write it as UTC with Z or with its offset, e.g. +08:00");
      }
      throw new RejectedLineException(column + " '" + text
          + "' is not an ISO-8601 time (2024-10-01T08:30:00Z, 2024-10-01T16:30:00+08:00) or epoch milliseconds");
    }
  }

  private static boolean isLocal(String text) {
    try {
      LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
