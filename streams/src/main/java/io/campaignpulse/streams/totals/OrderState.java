package io.campaignpulse.streams.totals;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;

/**
 * What the pipeline remembers of an order: its highest version seen so far, what that version counts, and
 * whether it entered the hourly and daily series (it did not when it arrived late). Kept per orderId so a later
 * version can take back exactly what the previous one had added, from exactly where it had added it.
 */
public record OrderState(
    int version,
    OrderStatus status,
    String campaignId,
    Category category,
    long purchaseAmountFen,
    long subsidyAmountFen,
    String merchantId,
    String street,
    long eventTime,
    boolean windowed) {

  public static OrderState of(TradeInOrder o, boolean windowed) {
    return new OrderState(o.getVersion(), o.getStatus(), o.getCampaignId(), o.getCategory(),
        o.getPurchaseAmountFen(), o.getSubsidyAmountFen(), o.getMerchantId(), o.getStreet(),
        o.getEventTime().toEpochMilli(), windowed);
  }

  /**
   * What this order adds to its campaign under the counting rules: APPROVED or PAID count as an order with
   * their purchase and subsidy; SUBMITTED counts its subsidy as pending exposure; CANCELLED and REFUNDED add
   * nothing.
   */
  public CampaignCounts contribution() {
    return switch (status) {
      case APPROVED, PAID -> new CampaignCounts(1, 0, purchaseAmountFen, subsidyAmountFen, 0, 0, 0, 0, eventTime);
      case SUBMITTED -> new CampaignCounts(0, 1, 0, 0, subsidyAmountFen, 0, 0, 0, eventTime);
      case CANCELLED, REFUNDED -> CampaignCounts.ZERO.at(eventTime);
    };
  }
}
