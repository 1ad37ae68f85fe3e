package io.campaignpulse.producers.ingest;

import java.util.Map;

/**
 * One row read from a file, before it is mapped to an event: either the values by column name, with the kind
 * they are of, or the reason the row could not even be read.
 *
 * @param line    line number where the row starts (1-based)
 * @param raw     the row as written (several lines joined with LF for a CSV record with quoted line breaks)
 * @param kind    what the row is; null when {@code problem} is set
 * @param row     value by column name (null for a JSON null); null when {@code problem} is set
 * @param problem why the row cannot be read, or null
 */
public record SourceRecord(long line, String raw, EventKind kind, Map<String, String> row, String problem) {

  public static SourceRecord of(long line, String raw, EventKind kind, Map<String, String> row) {
    return new SourceRecord(line, raw, kind, row, null);
  }

  public static SourceRecord rejected(long line, String raw, String problem) {
    return new SourceRecord(line, raw, null, null, problem);
  }
}
