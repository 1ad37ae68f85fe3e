package io.campaignpulse.producers.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a CSV file (RFC 4180, UTF-8 with or without BOM). The first non-blank line is the header: the column
 * names of one kind, in any order, checked before any row is read (a header that does not fit is a
 * {@link FileFormatException} naming the missing and unknown columns). A record may span lines when a quoted field
 * holds line breaks; it is reported under the line it starts on. A quote left open runs to the end of the file or
 * to {@link SourceLines#MAX_LINE_BYTES} and is then one rejected record.
 */
final class CsvEventReader implements EventRecordReader {

  private final SourceLines lines;
  private final EventKind givenKind;
  private EventKind kind;
  private List<String> header;

  CsvEventReader(SourceLines lines, EventKind kind) {
    this.lines = lines;
    this.givenKind = kind;
  }

  @Override
  public SourceRecord next() throws IOException {
    if (header == null && !readHeader()) {
      return null;
    }
    Joined record = nextRecord();
    if (record == null) {
      return null;
    }
    if (record.problem != null) {
      return SourceRecord.rejected(record.line, record.raw, record.problem);
    }
    if (record.fields.size() != header.size()) {
      return SourceRecord.rejected(record.line, record.raw,
          record.fields.size() + " fields where the header has " + header.size() + " columns");
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), record.fields.get(i));
    }
    return SourceRecord.of(record.line, record.raw, kind, row);
  }

  private boolean readHeader() throws IOException {
    Joined first = nextRecord();
    if (first == null) {
      return false;
    }
    if (first.problem != null) {
      throw new FileFormatException(first.line, first.raw, "header: " + first.problem);
    }
    List<String> names = new ArrayList<>();
    for (String name : first.fields) {
      names.add(name.strip());
    }
    EventKind found = givenKind != null ? givenKind : EventKind.infer(names).orElse(null);
    if (found == null) {
      throw new FileFormatException(first.line, first.raw, "header: " + EventKind.cannotInfer(names, "column"));
    }
    String problem = ColumnCheck.problem(found, names, "column");
    if (problem != null) {
      throw new FileFormatException(first.line, first.raw, "header: " + problem);
    }
    kind = found;
    header = names;
    return true;
  }

  /** The next record's lines joined and split into fields, or null at the end. */
  private Joined nextRecord() throws IOException {
    SourceLine first = lines.next();
    while (first != null && first.isBlank()) {
      first = lines.next();
    }
    if (first == null) {
      return null;
    }
    if (first.problem() != null) {
      return new Joined(first.number(), first.text(), null, first.problem());
    }
    StringBuilder text = new StringBuilder(first.text());
    boolean mayClose = true;
    while (true) {
      if (mayClose) {
        CsvRecordParser.Result parsed = CsvRecordParser.parse(text.toString());
        if (!parsed.open()) {
          return new Joined(first.number(), text.toString(), parsed.fields(), parsed.problem());
        }
      }
      SourceLine more = lines.next();
      if (more == null) {
        return new Joined(first.number(), text.toString(), null,
            "quoted field not closed before the end of the file");
      }
      text.append('\n').append(more.text());
      mayClose = more.text().indexOf('"') >= 0; // without a quote the field stays open: no need to parse again
      if (more.problem() != null) {
        return new Joined(first.number(), text.toString(), null, "line " + more.number() + ": " + more.problem());
      }
      if (text.length() > SourceLines.MAX_LINE_BYTES) {
        return new Joined(first.number(), text.toString(), null, "quoted field not closed within "
            + (SourceLines.MAX_LINE_BYTES >> 20) + " MiB (up to line " + more.number() + ")");
      }
    }
  }

  /** One record: where it starts, its text, and its fields or what is wrong with it. */
  private record Joined(long line, String raw, List<String> fields, String problem) {
  }
}
