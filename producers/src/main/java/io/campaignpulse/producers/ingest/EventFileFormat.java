package io.campaignpulse.producers.ingest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How a file's rows are written: CSV (RFC 4180, a header row of column names) or JSON Lines (one JSON object per
 * line). Told by the file name ({@code .csv}, {@code .jsonl} or {@code .ndjson}, each optionally followed by
 * {@code .gz}) unless given explicitly ({@code --format}).
 */
public enum EventFileFormat {

  CSV, JSONL;

  /** {@code csv}, {@code jsonl} or {@code ndjson}, any case. */
  public static EventFileFormat parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "jsonl", "ndjson", "json-lines" -> JSONL;
      default -> throw new IllegalArgumentException("unknown format '" + text + "'; formats are csv, jsonl");
    };
  }

  /** The format the file's name says, if it says one. */
  public static Optional<EventFileFormat> fromName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Optional.of(JSONL);
    }
    return Optional.empty();
  }

  /** {@code explicit} when given, else the format of the name; fails naming the file when neither says. */
  public static EventFileFormat of(Path file, EventFileFormat explicit) {
    if (explicit != null) {
      return explicit;
    }
    return fromName(file).orElseThrow(() -> new IllegalArgumentException("cannot tell the format of " + file
        + " from its name (.csv, .jsonl or .ndjson, optionally .gz); give --format csv or --format jsonl"));
  }

  /** The reader of rows of this format; {@code kind} null lets the header or each line tell. */
  public EventRecordReader reader(SourceLines lines, EventKind kind) {
    return this == CSV ? new CsvEventReader(lines, kind) : new JsonLinesEventReader(lines, kind);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
