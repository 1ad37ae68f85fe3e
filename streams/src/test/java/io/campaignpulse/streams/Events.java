package io.campaignpulse.streams;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.function.Consumer;

/** Builders of test events with readable defaults. */
public final class Events {

  public static final Instant T0 = Instant.parse("2024-10-01T02:00:00Z");

  private Events() {
  }

  /** Hands a test event to the consumer of its type: an order, a fair sale or a gate report. */
  public static void dispatch(Object event, Consumer<TradeInOrder> order, Consumer<FairSale> sale,
      Consumer<FairVisit> visit) {
    if (event instanceof TradeInOrder o) {
      order.accept(o);
    } else if (event instanceof FairSale s) {
      sale.accept(s);
    } else {
      visit.accept((FairVisit) event);
    }
  }

  /** The event time of a test event: an order, a fair sale or a gate report. */
  public static Instant eventTime(Object event) {
    if (event instanceof TradeInOrder o) {
      return o.getEventTime();
    }
    if (event instanceof FairSale s) {
      return s.getEventTime();
    }
    return ((FairVisit) event).getEventTime();
  }

  public static TradeInOrder order(String orderId, int version, String campaignId, OrderStatus status,
      long purchaseFen, long subsidyFen, Instant eventTime) {
    return TradeInOrder.newBuilder()
        .setOrderId(orderId).setVersion(version).setCampaignId(campaignId)
        .setCategory(Category.HOME_APPLIANCE).setStatus(status)
        .setPurchaseAmountFen(purchaseFen).setSubsidyAmountFen(subsidyFen)
        .setMerchantId("M-001").setStreet("七一路街道").setEventTime(eventTime)
        .build();
  }

  /** A trade-in campaign starting at {@link #T0} with a subsidy budget and alert thresholds. */
  public static Campaign campaign(String campaignId, long budgetFen, Integer... thresholds) {
    return Campaign.newBuilder()
        .setCampaignId(campaignId).setName(campaignId + " trade-in").setKind(CampaignKind.TRADE_IN)
        .setRegion("江岸区").setStartTime(T0).setEndTime(T0.plus(java.time.Duration.ofDays(120)))
        .setSubsidyBudgetFen(budgetFen).setAlertThresholdsPercent(java.util.List.of(thresholds))
        .build();
  }

  public static FairSale sale(String saleId, String fairId, String campaignId, long amountFen, Instant eventTime) {
    return FairSale.newBuilder().setSaleId(saleId).setFairId(fairId).setCampaignId(campaignId)
        .setMerchantId("M-900").setCategory(Category.AUTO).setAmountFen(amountFen).setEventTime(eventTime).build();
  }

  public static FairVisit visit(String fairId, String campaignId, String gateId, int visitors, Instant eventTime) {
    return FairVisit.newBuilder().setFairId(fairId).setCampaignId(campaignId).setGateId(gateId)
        .setVisitors(visitors).setEventTime(eventTime).build();
  }
}
