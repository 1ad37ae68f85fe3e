package io.campaignpulse.streams.totals;

/**
 * Additive counts of one campaign, in integer fen. The same shape serves as a delta (what one event changes,
 * possibly negative) and as the running total (the sum of all deltas), so a correction is just a negative
 * delta. {@code lastEventTime} is the latest event time seen, combined by max, in epoch milliseconds
 * ({@link Long#MIN_VALUE} when there was none).
 */
public record CampaignCounts(
    long orders,
    long pendingOrders,
    long orderConsumptionFen,
    long subsidyFen,
    long pendingSubsidyFen,
    long fairSales,
    long fairSalesFen,
    long visitors,
    long lastEventTime) {

  public static final long NO_TIME = Long.MIN_VALUE;
  public static final CampaignCounts ZERO = new CampaignCounts(0, 0, 0, 0, 0, 0, 0, 0, NO_TIME);

  /** Consumption pulled: counted orders' purchase amounts plus fair sales. */
  public long consumptionFen() {
    return orderConsumptionFen + fairSalesFen;
  }

  /** True when no count is changed (the time is not a count). */
  public boolean isZero() {
    return orders == 0 && pendingOrders == 0 && orderConsumptionFen == 0 && subsidyFen == 0
        && pendingSubsidyFen == 0 && fairSales == 0 && fairSalesFen == 0 && visitors == 0;
  }

  public CampaignCounts plus(CampaignCounts o) {
    return new CampaignCounts(
        orders + o.orders,
        pendingOrders + o.pendingOrders,
        orderConsumptionFen + o.orderConsumptionFen,
        subsidyFen + o.subsidyFen,
        pendingSubsidyFen + o.pendingSubsidyFen,
        fairSales + o.fairSales,
        fairSalesFen + o.fairSalesFen,
        visitors + o.visitors,
        Math.max(lastEventTime, o.lastEventTime));
  }

  /** The counts taken away, keeping the time: adding the result subtracts this. */
  public CampaignCounts negate() {
    return new CampaignCounts(-orders, -pendingOrders, -orderConsumptionFen, -subsidyFen, -pendingSubsidyFen,
        -fairSales, -fairSalesFen, -visitors, lastEventTime);
  }

  public CampaignCounts at(long eventTime) {
    return new CampaignCounts(orders, pendingOrders, orderConsumptionFen, subsidyFen, pendingSubsidyFen,
        fairSales, fairSalesFen, visitors, eventTime);
  }

  public static CampaignCounts fairSale(long amountFen, long eventTime) {
    return new CampaignCounts(0, 0, 0, 0, 0, 1, amountFen, 0, eventTime);
  }

  public static CampaignCounts visitors(long visitors, long eventTime) {
    return new CampaignCounts(0, 0, 0, 0, 0, 0, 0, visitors, eventTime);
  }
}
