package io.campaignpulse.producers.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a JSON Lines file: each non-blank line is one JSON object whose fields are the columns of a kind
 * (strings or numbers; {@code null} for an empty value). Each line tells its own kind unless one is given, so a
 * file may mix orders, gate reports and sales. A line that is not one JSON object, repeats a field, lacks a
 * required field or has an unknown one is rejected on its own; the lines around it are read as usual.
 */
final class JsonLinesEventReader implements EventRecordReader {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final SourceLines lines;
  private final EventKind givenKind;

  JsonLinesEventReader(SourceLines lines, EventKind kind) {
    this.lines = lines;
    this.givenKind = kind;
  }

  @Override
  public SourceRecord next() throws IOException {
    SourceLine line = lines.next();
    while (line != null && line.isBlank()) {
      line = lines.next();
    }
    if (line == null) {
      return null;
    }
    if (line.problem() != null) {
      return SourceRecord.rejected(line.number(), line.text(), line.problem());
    }
    JsonNode node;
    try {
      node = JSON.readTree(line.text());
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage().lines().findFirst().orElse("");
      return SourceRecord.rejected(line.number(), line.text(),
          "not valid JSON at column " + e.getLocation().getColumnNr() + ": " + message);
    }
    if (node == null || !node.isObject()) {
      return SourceRecord.rejected(line.number(), line.text(), "not a JSON object");
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        row.put(field.getKey(), null);
      } else if (value.isTextual() || value.isNumber()) {
        row.put(field.getKey(), value.asText());
      } else {
        return SourceRecord.rejected(line.number(), line.text(),
            "field " + field.getKey() + " is a JSON " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + "; values are strings or numbers");
      }
    }
    List<String> names = new ArrayList<>(row.keySet());
    EventKind kind = givenKind != null ? givenKind : EventKind.infer(names).orElse(null);
    if (kind == null) {
      return SourceRecord.rejected(line.number(), line.text(), EventKind.cannotInfer(names, "field"));
    }
    String problem = ColumnCheck.problem(kind, names, "field");
    if (problem != null) {
      return SourceRecord.rejected(line.number(), line.text(), problem);
    }
    return SourceRecord.of(line.number(), line.text(), kind, row);
  }
}
