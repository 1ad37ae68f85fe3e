package io.campaignpulse.replay.report;

import java.util.List;

/**
 * A CSV text as RFC 4180 has it: rows end in CRLF, a field holding a comma, a double quote, CR or LF is quoted,
 * its quotes doubled; a null is an empty field. Written as UTF-8 without a byte-order mark by the caller.
 */
final class Csv {

  private final StringBuilder text = new StringBuilder();

  Csv(List<String> header) {
    row(header);
  }

  Csv row(List<?> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(field(fields.get(i)));
    }
    text.append("\r\n");
    return this;
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String s = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
