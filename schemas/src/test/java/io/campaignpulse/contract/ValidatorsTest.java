package io.campaignpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the input contract, its edges and its reason text (the streams app and the ingest share them). */
class ValidatorsTest {

  private static final Instant T = Instant.parse("2024-10-01T02:00:00Z");

  private static TradeInOrder order(String orderId, int version, String campaignId, String merchantId,
      long purchaseFen, long subsidyFen) {
    return TradeInOrder.newBuilder().setOrderId(orderId).setVersion(version).setCampaignId(campaignId)
        .setCategory(Category.AUTO).setStatus(OrderStatus.PAID).setPurchaseAmountFen(purchaseFen)
        .setSubsidyAmountFen(subsidyFen).setMerchantId(merchantId).setStreet(null).setEventTime(T).build();
  }

  private static FairSale sale(String saleId, String fairId, String campaignId, long amountFen) {
    return FairSale.newBuilder().setSaleId(saleId).setFairId(fairId).setCampaignId(campaignId)
        .setMerchantId("M-1").setCategory(Category.OTHER).setAmountFen(amountFen).setEventTime(T).build();
  }

  private static FairVisit visit(String fairId, String campaignId, String gateId, int visitors) {
    return FairVisit.newBuilder().setFairId(fairId).setCampaignId(campaignId).setGateId(gateId)
        .setVisitors(visitors).setEventTime(T).build();
  }

  private static Campaign campaign(String id, long budgetFen, Instant end, List<Integer> thresholds) {
    return Campaign.newBuilder().setCampaignId(id).setName("n").setKind(CampaignKind.TRADE_IN).setRegion("r")
        .setStartTime(T).setEndTime(end).setSubsidyBudgetFen(budgetFen).setAlertThresholdsPercent(thresholds).build();
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of("O-1", order("O-1", 1, "C-1", "M-1", 1_000, 100), null),
        Arguments.of("O-1", order("O-1", 1, "C-1", "M-1", 0, 0), null),
        Arguments.of("O-1", order("O-1", 1, "C-1", "M-1", 1_000, 1_000), null),
        Arguments.of("", order("", 1, "C-1", "M-1", 1_000, 100), "orderId is missing"),
        Arguments.of("  ", order("  ", 1, "C-1", "M-1", 1_000, 100), "orderId is missing"),
        Arguments.of("O-2", order("O-1", 1, "C-1", "M-1", 1_000, 100), "record key 'O-2' is not the orderId 'O-1'"),
        Arguments.of(null, order("O-1", 1, "C-1", "M-1", 1_000, 100), "record key 'null' is not the orderId 'O-1'"),
        Arguments.of("O-1", order("O-1", 0, "C-1", "M-1", 1_000, 100), "version 0 is below 1"),
        Arguments.of("O-1", order("O-1", 1, " ", "M-1", 1_000, 100), "campaignId is missing"),
        Arguments.of("O-1", order("O-1", 1, "C\u001f1", "M-1", 1_000, 100),
            "campaignId contains a control character (U+001F)"),
        // only campaign and fair ids lead aggregate keys; other ids may hold anything
        Arguments.of("O-1\n", order("O-1\n", 1, "C-1", "M-1\t", 1_000, 100), null),
        Arguments.of("O-1", order("O-1", 1, "C-1", "", 1_000, 100), "merchantId is missing"),
        Arguments.of("O-1", order("O-1", 1, "C-1", "M-1", -1, 0), "negative purchaseAmountFen -1"),
        Arguments.of("O-1", order("O-1", 1, "C-1", "M-1", 1_000, -1), "negative subsidyAmountFen -1"),
        Arguments.of("O-1", order("O-1", 1, "C-1", "M-1", 1_000, 1_001),
            "subsidyAmountFen 1001 is above purchaseAmountFen 1000"),
        // several problems: the first rule in order is the reason
        Arguments.of("O-1", order("O-1", 0, "", "", -5, 10), "version 0 is below 1"));
  }

  static Stream<Arguments> sales() {
    return Stream.of(
        Arguments.of("F-1", sale("S-1", "F-1", "C-1", 100), null),
        Arguments.of("F-1", sale("S-1", "F-1", "C-1", 0), null),
        Arguments.of("F-1", sale(" ", "F-1", "C-1", 100), "saleId is missing"),
        Arguments.of("", sale("S-1", "", "C-1", 100), "fairId is missing"),
        Arguments.of("S-1", sale("S-1", "F-1", "C-1", 100), "record key 'S-1' is not the fairId 'F-1'"),
        Arguments.of("F-1", sale("S-1", "F-1", "", 100), "campaignId is missing"),
        Arguments.of("F\u00001", sale("S-1", "F\u00001", "C-1", 100), "fairId contains a control character (U+0000)"),
        Arguments.of("F-1", sale("S-1", "F-1", "C-1", -100), "negative amountFen -100"));
  }

  static Stream<Arguments> visits() {
    return Stream.of(
        Arguments.of("F-1", visit("F-1", "C-1", "G-1", 10), null),
        Arguments.of("F-1", visit("F-1", "C-1", "G-1", 0), null),
        Arguments.of("", visit("", "C-1", "G-1", 10), "fairId is missing"),
        Arguments.of("G-1", visit("F-1", "C-1", "G-1", 10), "record key 'G-1' is not the fairId 'F-1'"),
        Arguments.of("F-1", visit("F-1", " ", "G-1", 10), "campaignId is missing"),
        Arguments.of("F-1", visit("F-1", "C-1", "", 10), "gateId is missing"),
        Arguments.of("F-1", visit("F-1", "C-1", "G-1", -1), "negative visitors -1"));
  }

  static Stream<Arguments> campaigns() {
    return Stream.of(
        Arguments.of("C-1", campaign("C-1", 0, T.plusSeconds(1), List.of(50, 100)), null),
        Arguments.of("C-2", campaign("C-1", 0, T.plusSeconds(1), List.of(50)), "record key 'C-2' is not the campaignId 'C-1'"),
        Arguments.of("C-1", campaign("C-1", -1, T.plusSeconds(1), List.of(50)), "negative subsidyBudgetFen -1"),
        Arguments.of("C-1", campaign("C-1", 1, T.minusSeconds(1), List.of(50)), "endTime is before startTime"),
        Arguments.of("C-1", campaign("C-1", 1, T, List.of(0)), "alert thresholds must be positive percentages"));
  }

  @ParameterizedTest(name = "key {0}: {2}")
  @MethodSource("orders")
  void ordersBreakingARuleAreRejectedWithItsReason(String key, TradeInOrder order, String reason) {
    assertThat(Validators.ORDER.problem(key, order)).isEqualTo(reason);
  }

  @ParameterizedTest(name = "key {0}: {2}")
  @MethodSource("sales")
  void salesBreakingARuleAreRejectedWithItsReason(String key, FairSale sale, String reason) {
    assertThat(Validators.FAIR_SALE.problem(key, sale)).isEqualTo(reason);
  }

  @ParameterizedTest(name = "key {0}: {2}")
  @MethodSource("visits")
  void gateReportsBreakingARuleAreRejectedWithItsReason(String key, FairVisit visit, String reason) {
    assertThat(Validators.FAIR_VISIT.problem(key, visit)).isEqualTo(reason);
  }

  @ParameterizedTest(name = "key {0}: {2}")
  @MethodSource("campaigns")
  void campaignsBreakingARuleAreRejectedWithItsReason(String key, Campaign campaign, String reason) {
    assertThat(Validators.CAMPAIGN.problem(key, campaign)).isEqualTo(reason);
  }
}
