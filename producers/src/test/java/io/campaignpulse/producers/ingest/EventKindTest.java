package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EventKindTest {

  private static List<String> fieldNames(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }

  @Test
  void columnsAreTheAvroFieldNamesExactly() {
    // Given the kinds; When their columns are compared with the records' schemas; Then they are the same, in order
    assertThat(EventKind.ORDERS.columns()).isEqualTo(fieldNames(TradeInOrder.getClassSchema()));
    assertThat(EventKind.FAIR_VISITS.columns()).isEqualTo(fieldNames(FairVisit.getClassSchema()));
    assertThat(EventKind.FAIR_SALES.columns()).isEqualTo(fieldNames(FairSale.getClassSchema()));
  }

  @Test
  void isToldByItsIdentifyingColumn() {
    // Given column names of each kind; When inferred; Then orderId, gateId and saleId decide
    assertThat(EventKind.infer(EventKind.ORDERS.columns())).contains(EventKind.ORDERS);
    assertThat(EventKind.infer(EventKind.FAIR_VISITS.columns())).contains(EventKind.FAIR_VISITS);
    assertThat(EventKind.infer(EventKind.FAIR_SALES.columns())).contains(EventKind.FAIR_SALES);
    assertThat(EventKind.infer(List.of("fairId", "campaignId"))).isEmpty();
    assertThat(EventKind.infer(List.of("orderId", "saleId"))).isEmpty();
  }

  @Test
  void parsesLabelsAndConstantNamesInAnyCase() {
    // Given what users type; When parsed; Then each names its kind, and a wrong one lists the kinds
    assertThat(EventKind.parse("orders")).isEqualTo(EventKind.ORDERS);
    assertThat(EventKind.parse("FAIR_VISITS")).isEqualTo(EventKind.FAIR_VISITS);
    assertThat(EventKind.parse("Fair-Sales")).isEqualTo(EventKind.FAIR_SALES);
    assertThatThrownBy(() -> EventKind.parse("sales")).hasMessageContaining("orders, fair-visits, fair-sales");
  }

  @Test
  void aWrongHeaderNamesTheMissingAndUnknownColumns() {
    // Given an orders header with subsidyAmount instead of subsidyAmountFen, and orderId twice
    List<String> header = List.of("orderId", "version", "campaignId", "category", "status", "purchaseAmountFen",
        "subsidyAmount", "merchantId", "eventTime", "orderId");

    // When checked
    String problem = ColumnCheck.problem(EventKind.ORDERS, header, "column");

    // Then each kind of mistake is named; street may be left out
    assertThat(problem).startsWith("missing columns [subsidyAmountFen]; unknown columns [subsidyAmount]; "
        + "repeated columns [orderId] (orders columns: orderId,version,");
    assertThat(ColumnCheck.problem(EventKind.ORDERS,
        EventKind.ORDERS.columns().stream().filter(c -> !c.equals("street")).toList(), "column")).isNull();
  }

  @Test
  void formatIsToldByTheNameOrGiven() {
    // Given names with and without .gz; When detected; Then csv and jsonl are recognised, an explicit one wins
    assertThat(EventFileFormat.of(Path.of("a/orders.CSV.gz"), null)).isEqualTo(EventFileFormat.CSV);
    assertThat(EventFileFormat.of(Path.of("x.ndjson"), null)).isEqualTo(EventFileFormat.JSONL);
    assertThat(EventFileFormat.of(Path.of("x.jsonl.gz"), null)).isEqualTo(EventFileFormat.JSONL);
    assertThat(EventFileFormat.of(Path.of("export.txt"), EventFileFormat.CSV)).isEqualTo(EventFileFormat.CSV);
    assertThat(EventFileFormat.parse("NDJSON")).isEqualTo(EventFileFormat.JSONL);
    assertThatThrownBy(() -> EventFileFormat.of(Path.of("export.txt"), null))
        .hasMessageContaining("cannot tell the format of export.txt").hasMessageContaining("--format");
  }
}
