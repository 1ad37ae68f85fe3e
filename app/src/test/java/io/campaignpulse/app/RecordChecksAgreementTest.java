package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.ingest.RecordChecks;
import io.campaignpulse.streams.decode.Validators;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file ingest checks rows before sending them ({@link RecordChecks}, producers module) with the rules the
 * streams app dead-letters by ({@link Validators}, streams module). The two modules cannot share the code, so this
 * table holds them to the same answer, reason text included, for every rule and its edges.
 */
class RecordChecksAgreementTest {

  private static final Instant T = Instant.parse("2024-10-01T02:00:00Z");

  private static TradeInOrder order(String orderId, int version, String campaignId, String merchantId,
      long purchaseFen, long subsidyFen) {
    return TradeInOrder.newBuilder().setOrderId(orderId).setVersion(version).setCampaignId(campaignId)
        .setCategory(Category.AUTO).setStatus(OrderStatus.PAID).setPurchaseAmountFen(purchaseFen)
        .setSubsidyAmountFen(subsidyFen).setMerchantId(merchantId).setStreet(null).setEventTime(T).build();
  }

  private static FairSale sale(String saleId, String fairId, String campaignId, String merchantId, long amountFen) {
    return FairSale.newBuilder().setSaleId(saleId).setFairId(fairId).setCampaignId(campaignId)
        .setMerchantId(merchantId).setCategory(Category.OTHER).setAmountFen(amountFen).setEventTime(T).build();
  }

  private static FairVisit visit(String fairId, String campaignId, String gateId, int visitors) {
    return FairVisit.newBuilder().setFairId(fairId).setCampaignId(campaignId).setGateId(gateId)
        .setVisitors(visitors).setEventTime(T).build();
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of("valid", order("O-1", 1, "C-1", "M-1", 1_000, 100)),
        Arguments.of("zero amounts", order("O-1", 1, "C-1", "M-1", 0, 0)),
        Arguments.of("subsidy equal to purchase", order("O-1", 1, "C-1", "M-1", 1_000, 1_000)),
        Arguments.of("empty orderId", order("", 1, "C-1", "M-1", 1_000, 100)),
        Arguments.of("blank orderId", order("  ", 1, "C-1", "M-1", 1_000, 100)),
        Arguments.of("version 0", order("O-1", 0, "C-1", "M-1", 1_000, 100)),
        Arguments.of("negative version", order("O-1", -1, "C-1", "M-1", 1_000, 100)),
        Arguments.of("blank campaignId", order("O-1", 1, " ", "M-1", 1_000, 100)),
        Arguments.of("blank merchantId", order("O-1", 1, "C-1", "", 1_000, 100)),
        Arguments.of("negative purchase", order("O-1", 1, "C-1", "M-1", -1, 0)),
        Arguments.of("negative subsidy", order("O-1", 1, "C-1", "M-1", 1_000, -1)),
        Arguments.of("subsidy above purchase", order("O-1", 1, "C-1", "M-1", 1_000, 1_001)),
        Arguments.of("several problems", order("O-1", 0, "", "", -5, 10)));
  }

  static Stream<Arguments> sales() {
    return Stream.of(
        Arguments.of("valid", sale("S-1", "F-1", "C-1", "M-1", 100)),
        Arguments.of("zero amount", sale("S-1", "F-1", "C-1", "M-1", 0)),
        Arguments.of("blank merchantId (allowed)", sale("S-1", "F-1", "C-1", "", 100)),
        Arguments.of("blank saleId", sale(" ", "F-1", "C-1", "M-1", 100)),
        Arguments.of("blank fairId", sale("S-1", "", "C-1", "M-1", 100)),
        Arguments.of("blank campaignId", sale("S-1", "F-1", "", "M-1", 100)),
        Arguments.of("negative amount", sale("S-1", "F-1", "C-1", "M-1", -100)));
  }

  static Stream<Arguments> visits() {
    return Stream.of(
        Arguments.of("valid", visit("F-1", "C-1", "G-1", 10)),
        Arguments.of("zero visitors", visit("F-1", "C-1", "G-1", 0)),
        Arguments.of("blank fairId", visit("", "C-1", "G-1", 10)),
        Arguments.of("blank campaignId", visit("F-1", " ", "G-1", 10)),
        Arguments.of("blank gateId", visit("F-1", "C-1", "", 10)),
        Arguments.of("negative visitors", visit("F-1", "C-1", "G-1", -1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void ordersGetTheSameAnswerAsFromTheStreamsApp(String name, TradeInOrder order) {
    // Given an order keyed by its orderId, as the ingest keys it; When both check it; Then they agree
    assertThat(RecordChecks.order(order)).isEqualTo(Validators.ORDER.problem(order.getOrderId(), order));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sales")
  void salesGetTheSameAnswerAsFromTheStreamsApp(String name, FairSale sale) {
    // Given a sale keyed by its fairId; When both check it; Then they agree
    assertThat(RecordChecks.sale(sale)).isEqualTo(Validators.FAIR_SALE.problem(sale.getFairId(), sale));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("visits")
  void gateReportsGetTheSameAnswerAsFromTheStreamsApp(String name, FairVisit visit) {
    // Given a gate report keyed by its fairId; When both check it; Then they agree
    assertThat(RecordChecks.visit(visit)).isEqualTo(Validators.FAIR_VISIT.problem(visit.getFairId(), visit));
  }
}
