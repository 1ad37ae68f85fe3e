package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.sim.SimEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineParserTest {

  private static Map<String, String> order() {
    Map<String, String> row = new HashMap<>();
    row.put("orderId", "O-1");
    row.put("version", "2");
    row.put("campaignId", "CH-TI-AUTO-2024");
    row.put("category", "auto");
    row.put("status", "Approved");
    row.put("purchaseAmountFen", "15980000");
    row.put("subsidyAmountFen", "1500000");
    row.put("merchantId", "M-001");
    row.put("street", "七一路街道");
    row.put("eventTime", "2024-10-01T16:45:00+08:00");
    return row;
  }

  private static Map<String, String> with(Map<String, String> row, String column, String value) {
    row.put(column, value);
    return row;
  }

  private static String reason(EventKind kind, Map<String, String> row) {
    try {
      kind.parser().parse(row);
      return null;
    } catch (RejectedLineException e) {
      return e.getMessage();
    }
  }

  @Test
  void mapsAnOrderRowToItsRecordKeyedByOrderIdAtItsEventTime() {
    // Given a valid order row with lower-case enum symbols; When parsed
    SimEvent event = EventKind.ORDERS.parser().parse(order());

    // Then the record has every value, the key is the orderId and the timestamp the event time
    TradeInOrder o = (TradeInOrder) event.value();
    assertThat(event.stream()).isEqualTo(SimEvent.Stream.ORDERS);
    assertThat(event.key()).isEqualTo("O-1");
    assertThat(event.timestampMs()).isEqualTo(Instant.parse("2024-10-01T08:45:00Z").toEpochMilli());
    assertThat(o.getVersion()).isEqualTo(2);
    assertThat(o.getCategory()).isEqualTo(Category.AUTO);
    assertThat(o.getStatus()).isEqualTo(OrderStatus.APPROVED);
    assertThat(o.getPurchaseAmountFen()).isEqualTo(15_980_000L);
    assertThat(o.getSubsidyAmountFen()).isEqualTo(1_500_000L);
    assertThat(o.getStreet()).isEqualTo("七一路街道");
  }

  @Test
  void anEmptyOrAbsentStreetIsNoStreet() {
    // Given an empty street and no street column; When parsed; Then both are null
    assertThat(((TradeInOrder) EventKind.ORDERS.parser().parse(with(order(), "street", " "))
        .value()).getStreet()).isNull();
    Map<String, String> noStreet = order();
    noStreet.remove("street");
    assertThat(((TradeInOrder) EventKind.ORDERS.parser().parse(noStreet).value()).getStreet()).isNull();
  }

  @Test
  void refusesNumbersThatAreNotWholeAndAmountsInYuan() {
    // Given a bad version, an amount in yuan and an out-of-range number; When parsed; Then each reason says why
    assertThat(reason(EventKind.ORDERS, with(order(), "version", "abc"))).isEqualTo("version 'abc' is not a whole number");
    assertThat(reason(EventKind.ORDERS, with(order(), "purchaseAmountFen", "12.50")))
        .isEqualTo("purchaseAmountFen '12.50' is not a whole number of fen (amounts are integer fen: 1 yuan = 100 fen)");
    assertThat(reason(EventKind.ORDERS, with(order(), "purchaseAmountFen", "99999999999999999999")))
        .isEqualTo("purchaseAmountFen 99999999999999999999 is out of range");
    assertThat(reason(EventKind.ORDERS, with(order(), "version", "3000000000")))
        .isEqualTo("version 3000000000 is out of range");
  }

  @Test
  void appliesThePipelinesContractWithItsReasons() {
    // Given rows that parse but break the contract; When parsed; Then the reasons are the dead-letter reasons
    assertThat(reason(EventKind.ORDERS, with(order(), "purchaseAmountFen", "-100")))
        .isEqualTo("negative purchaseAmountFen -100");
    assertThat(reason(EventKind.ORDERS, with(order(), "subsidyAmountFen", "15980001")))
        .isEqualTo("subsidyAmountFen 15980001 is above purchaseAmountFen 15980000");
    assertThat(reason(EventKind.ORDERS, with(order(), "version", "0"))).isEqualTo("version 0 is below 1");
    assertThat(reason(EventKind.ORDERS, with(order(), "orderId", ""))).isEqualTo("orderId is missing");
    assertThat(reason(EventKind.ORDERS, with(order(), "merchantId", null))).isEqualTo("merchantId is missing");
  }

  @Test
  void refusesAnUnknownSymbolListingTheKnownOnes() {
    // Given a category that is not in the schema; When parsed; Then the reason lists the symbols
    assertThat(reason(EventKind.ORDERS, with(order(), "category", "PHONE")))
        .isEqualTo("unknown category 'PHONE'; one of AUTO, HOME_APPLIANCE, HOME_FURNISHING, DIGITAL, E_BIKE, OTHER");
    assertThat(reason(EventKind.ORDERS, with(order(), "status", ""))).isEqualTo("status is missing");
  }

  @Test
  void mapsGateReportsAndSalesKeyedByFairId() {
    // Given a gate report and a sale
    Map<String, String> visit = new HashMap<>(Map.of("fairId", "F-1", "campaignId", "C-1", "gateId", "G-1",
        "visitors", "1520", "eventTime", "1727748000000"));
    Map<String, String> sale = new HashMap<>(Map.of("saleId", "S-1", "fairId", "F-1", "campaignId", "C-1",
        "merchantId", "M-9", "category", "e_bike", "amountFen", "299900", "eventTime", "2024-10-01T02:00:00Z"));

    // When parsed
    SimEvent v = EventKind.FAIR_VISITS.parser().parse(visit);
    SimEvent s = EventKind.FAIR_SALES.parser().parse(sale);

    // Then both are keyed by fairId, and the contract applies to them too
    assertThat(v.key()).isEqualTo("F-1");
    assertThat(((FairVisit) v.value()).getVisitors()).isEqualTo(1520);
    assertThat(s.key()).isEqualTo("F-1");
    assertThat(((FairSale) s.value()).getCategory()).isEqualTo(Category.E_BIKE);
    assertThat(reason(EventKind.FAIR_VISITS, with(visit, "visitors", "-3"))).isEqualTo("negative visitors -3");
    assertThat(reason(EventKind.FAIR_VISITS, with(visit, "gateId", ""))).isEqualTo("gateId is missing");
    assertThat(reason(EventKind.FAIR_SALES, with(sale, "amountFen", "-1"))).isEqualTo("negative amountFen -1");
  }

  @Test
  void aContractReasonNeedsAValueThatParses() {
    // Given a row with both a missing id and a bad time; When parsed
    // Then the value that cannot be read is reported: the contract is checked on a record that was read
    assertThatThrownBy(() -> EventKind.ORDERS.parser().parse(with(with(order(), "orderId", ""), "eventTime", "x")))
        .hasMessageStartingWith("eventTime 'x' is not an ISO-8601 time");
  }
}
