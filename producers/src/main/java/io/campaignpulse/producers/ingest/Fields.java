package io.campaignpulse.producers.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Typed values of a row, with the reasons a value is refused. Values are trimmed. Numbers are whole numbers
 * only: amounts are integer fen (1 yuan = 100 fen), so {@code 12.50} is refused instead of rounded. Enum symbols
 * are matched by name, ignoring case. An empty value is missing; whether that is allowed is for the
 * {@link RecordChecks} to say for ids (with the same reason the pipeline gives), and an error here for numbers,
 * symbols and times.
 */
final class Fields {

  private Fields() {
  }

  /** The trimmed value; empty when the value is empty or null. */
  static String text(Map<String, String> row, String column) {
    String value = row.get(column);
    return value == null ? "" : value.strip();
  }

  /** The trimmed value; null when empty, null or the column is absent. */
  static String optionalText(Map<String, String> row, String column) {
    String value = text(row, column);
    return value.isEmpty() ? null : value;
  }

  static long wholeNumber(Map<String, String> row, String column) {
    String value = text(row, column);
    if (value.isEmpty()) {
      throw new RejectedLineException(column + " is missing");
    }
    if (!isInteger(value)) {
      if (value.matches("[+-]?\\d*\\.\\d*") && column.endsWith("Fen")) {
        throw new RejectedLineException(column + " '" + value
            + "' is not a whole number of fen (amounts are integer fen: 1 yuan = 100 fen)");
      }
      throw new RejectedLineException(column + " '" + value + "' is not a whole number");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new RejectedLineException(column + " " + value + " is out of range");
    }
  }

  static int intNumber(Map<String, String> row, String column) {
    long value = wholeNumber(row, column);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new RejectedLineException(column + " " + value + " is out of range");
    }
    return (int) value;
  }

  static <E extends Enum<E>> E symbol(Map<String, String> row, String column, Class<E> type) {
    String value = text(row, column);
    if (value.isEmpty()) {
      throw new RejectedLineException(column + " is missing");
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String symbols = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      throw new RejectedLineException("unknown " + column + " '" + value + "'; one of " + symbols);
    }
  }

  static Instant time(Map<String, String> row, String column) {
    return EventTimes.parse(column, text(row, column));
  }

  private static boolean isInteger(String value) {
    int start = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
    if (start == value.length()) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
