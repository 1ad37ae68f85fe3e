package io.campaignpulse.serde;

import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.AlertTrigger;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One realistic instance of every record type of the contract. */
final class TestRecords {

  static final Instant T0 = Instant.ofEpochMilli(1_767_225_600_123L);

  private TestRecords() {
  }

  static Campaign campaign() {
    return Campaign.newBuilder()
        .setCampaignId("c-2026-tradein")
        .setName("以旧换新 2026 家电补贴")
        .setKind(CampaignKind.TRADE_IN)
        .setRegion("Xuhui")
        .setStartTime(T0)
        .setEndTime(T0.plusSeconds(86_400L * 90))
        .setSubsidyBudgetFen(50_000_000_00L)
        .setAlertThresholdsPercent(List.of(50, 80, 90, 100))
        .build();
  }

  static TradeInOrder tradeInOrder() {
    return TradeInOrder.newBuilder()
        .setOrderId("o-000042")
        .setVersion(2)
        .setCampaignId("c-2026-tradein")
        .setCategory(Category.HOME_APPLIANCE)
        .setStatus(OrderStatus.APPROVED)
        .setPurchaseAmountFen(699_900L)
        .setSubsidyAmountFen(105_000L)
        .setMerchantId("m-17")
        .setStreet("Tianping Road")
        .setEventTime(T0.plusMillis(5))
        .build();
  }

  static FairVisit fairVisit() {
    return FairVisit.newBuilder()
        .setFairId("f-spring")
        .setCampaignId("c-spring-fair")
        .setGateId("north")
        .setVisitors(318)
        .setEventTime(T0)
        .build();
  }

  static FairSale fairSale() {
    return FairSale.newBuilder()
        .setSaleId("s-9")
        .setFairId("f-spring")
        .setCampaignId("c-spring-fair")
        .setMerchantId("m-3")
        .setCategory(Category.E_BIKE)
        .setAmountFen(259_900L)
        .setEventTime(T0)
        .build();
  }

  static CampaignTotals campaignTotals() {
    return CampaignTotals.newBuilder()
        .setCampaignId("c-2026-tradein")
        .setOrders(12)
        .setPendingOrders(3)
        .setConsumptionFen(8_000_000L)
        .setOrderConsumptionFen(7_000_000L)
        .setFairSalesFen(1_000_000L)
        .setFairSales(4)
        .setSubsidyFen(1_200_000L)
        .setPendingSubsidyFen(300_000L)
        .setVisitors(1_024)
        .setLastEventTime(T0)
        .build();
  }

  static BudgetAlert budgetAlert() {
    return BudgetAlert.newBuilder()
        .setAlertId("c-2026-tradein:FORECAST:80:1")
        .setCampaignId("c-2026-tradein")
        .setKind(AlertKind.FORECAST)
        .setThresholdPercent(80)
        .setCrossing(1)
        .setTrigger(AlertTrigger.ORDER)
        .setSubsidyFen(4_000_000_00L)
        .setPendingSubsidyFen(3_000_00L)
        .setBudgetFen(5_000_000_00L)
        .setEventTime(T0)
        .setOrderId("o-1")
        .setEmittedAt(T0.plusSeconds(1))
        .setProjectedExhaustion(T0.plusSeconds(86_400))
        .build();
  }

  static List<SpecificRecord> all() {
    return List.of(campaign(), tradeInOrder(), fairVisit(), fairSale(), campaignTotals(),
        budgetAlert());
  }
}
