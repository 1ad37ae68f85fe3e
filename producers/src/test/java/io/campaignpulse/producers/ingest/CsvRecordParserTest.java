package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvRecordParserTest {

  @Test
  void splitsPlainFieldsAndKeepsEmptyOnes() {
    // Given a record with an empty field in the middle and at the end; When parsed
    CsvRecordParser.Result result = CsvRecordParser.parse("a,,c,");

    // Then every field is there, empty ones as empty strings
    assertThat(result.problem()).isNull();
    assertThat(result.open()).isFalse();
    assertThat(result.fields()).containsExactly("a", "", "c", "");
  }

  @Test
  void keepsCommasAndDoubledQuotesInsideQuotedFields() {
    // Given quoted fields holding a comma and an escaped quote; When parsed
    CsvRecordParser.Result result = CsvRecordParser.parse("\"人和街道, 东区\",\"5\"\" TV\",\"\"");

    // Then the quotes are removed and the content kept
    assertThat(result.fields()).containsExactly("人和街道, 东区", "5\" TV", "");
  }

  @Test
  void reportsARecordThatEndsInsideAQuotedField() {
    // Given the first line of a field with a line break; When parsed
    CsvRecordParser.Result first = CsvRecordParser.parse("O-9,\"城关");

    // Then it is open, and joined with its next line it is complete
    assertThat(first.open()).isTrue();
    assertThat(CsvRecordParser.parse("O-9,\"城关\n街道\",x").fields()).containsExactly("O-9", "城关\n街道", "x");
  }

  @Test
  void refusesAQuoteInsideAnUnquotedField() {
    // Given a stray quote; When parsed
    CsvRecordParser.Result result = CsvRecordParser.parse("a,b\"c,d");

    // Then it is a problem naming the field, not a guess
    assertThat(result.fields()).isNull();
    assertThat(result.problem()).startsWith("field 2: quote inside an unquoted field");
  }

  @Test
  void refusesTextAfterAClosingQuote() {
    // Given characters between a closing quote and the comma; When parsed
    CsvRecordParser.Result result = CsvRecordParser.parse("\"ab\"c,d");

    // Then it is a problem naming the field
    assertThat(result.problem()).startsWith("field 1: 'c' after the closing quote");
  }
}
