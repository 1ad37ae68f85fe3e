package io.campaignpulse.streams.query;

import io.campaignpulse.streams.totals.CampaignCounts;

/**
 * One entry of a series or a breakdown: its label (an hour, a day, a category, a street, a merchant, a fair) and
 * its counts. Money in integer fen; consumption is order consumption plus fair sales.
 */
public record Bucket(
    String key,
    long orders,
    long pendingOrders,
    long consumptionFen,
    long orderConsumptionFen,
    long subsidyFen,
    long pendingSubsidyFen,
    long fairSales,
    long fairSalesFen,
    long visitors) {

  public static Bucket of(String key, CampaignCounts c) {
    return new Bucket(key, c.orders(), c.pendingOrders(), c.consumptionFen(), c.orderConsumptionFen(),
        c.subsidyFen(), c.pendingSubsidyFen(), c.fairSales(), c.fairSalesFen(), c.visitors());
  }
}
