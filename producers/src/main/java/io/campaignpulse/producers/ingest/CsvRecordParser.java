package io.campaignpulse.producers.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one CSV record into its fields by RFC 4180: fields are separated by commas; a field in
 * double quotes may hold commas, line breaks and quotes (written twice, {@code ""}). The text may end inside a
 * quoted field, in which case the record continues on the next line ({@link Result#open()}). Strict: a quote
 * inside an unquoted field, or anything but a comma after a closing quote, is a problem, not a guess.
 */
final class CsvRecordParser {

  /**
   * What the text holds.
   *
   * @param fields  the fields, when complete and well formed
   * @param open    true when the text ends inside a quoted field
   * @param problem what is malformed, or null
   */
  record Result(List<String> fields, boolean open, String problem) {
  }

  private CsvRecordParser() {
  }

  static Result parse(String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int n = text.length();
    int i = 0;
    while (true) {
      field.setLength(0);
      int fieldNumber = fields.size() + 1;
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            return new Result(null, true, null);
          }
          char c = text.charAt(i);
          if (c == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        if (i < n && text.charAt(i) != ',') {
          return new Result(null, false, "field " + fieldNumber + ": '" + text.charAt(i)
              + "' after the closing quote (a quoted field ends with a quote followed by a comma)");
        }
      } else {
        while (i < n && text.charAt(i) != ',') {
          char c = text.charAt(i);
          if (c == '"') {
            return new Result(null, false, "field " + fieldNumber
                + ": quote inside an unquoted field (quote the whole field and double the quote: \"\")");
          }
          field.append(c);
          i++;
        }
      }
      fields.add(field.toString());
      if (i >= n) {
        return new Result(fields, false, null);
      }
      i++; // the comma
    }
  }
}
