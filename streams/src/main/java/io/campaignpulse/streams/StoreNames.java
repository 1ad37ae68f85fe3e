package io.campaignpulse.streams;

/**
 * Names of the state stores; they name changelog topics too, so they never change once deployed (see the
 * README's upgrade rule). Keys of the per-campaign stores are the campaignId, then the unit separator and the
 * dimension ({@link io.campaignpulse.streams.aggregate.AggregateKey}).
 */
public final class StoreNames {

  // Per input partition
  /** orderId -> the highest version seen, what it counts and whether it entered the series. */
  public static final String ORDERS_LATEST = "orders-latest-store";
  /** saleId -> event time, the fair sales already counted. */
  public static final String FAIR_SALES_SEEN = "fair-sales-seen-store";
  /** fairId|gateId|slot -> visitors and whether they entered the series, the gate reports already counted. */
  public static final String FAIR_VISIT_SLOTS = "fair-visit-slots-store";
  /** The orders partition's changes since the last emit and its event-time clock, snapshotted at each commit. */
  public static final String ORDER_PENDING = "order-pending-changes-store";
  /** The fair-sales partition's changes since the last emit and its event-time clock. */
  public static final String FAIR_SALE_PENDING = "fair-sale-pending-changes-store";
  /** The fair-visits partition's changes since the last emit and its event-time clock. */
  public static final String FAIR_VISIT_PENDING = "fair-visit-pending-changes-store";

  // Per campaign, queryable
  /** campaignId -> live totals. */
  public static final String CAMPAIGN_TOTALS = "campaign-totals-store";
  /** campaignId, local hour -> counts of that hour. */
  public static final String CAMPAIGN_HOURLY = "campaign-hourly-store";
  /**
   * campaignId, local hour -> the net change every event of that hour made (late events included); the sum of
   * the hours before T is the campaign as of T.
   */
  public static final String CAMPAIGN_HOURLY_NET = "campaign-hourly-net-store";
  /** campaignId, local day -> counts of that day. */
  public static final String CAMPAIGN_DAILY = "campaign-daily-store";
  /** campaignId, category -> counts. */
  public static final String CAMPAIGN_CATEGORIES = "campaign-categories-store";
  /** campaignId, street -> counts of trade-in orders. */
  public static final String CAMPAIGN_STREETS = "campaign-streets-store";
  /** campaignId, merchantId -> counts. */
  public static final String CAMPAIGN_MERCHANTS = "campaign-merchants-store";
  /** campaignId, fairId -> visitors and sales of the fair. */
  public static final String FAIR_TOTALS = "fair-totals-store";
  /** campaignId, fairId, local hour -> visitors and sales. */
  public static final String FAIR_HOURLY = "fair-hourly-store";
  /** campaignId, fairId, local day -> visitors and sales. */
  public static final String FAIR_DAILY = "fair-daily-store";
  /** campaignId -> budget, thresholds and their state, granted and pending subsidy, burn window. */
  public static final String BUDGET_LEDGERS = "budget-ledgers-store";
  /** campaignId, sequence -> the campaign's budget alerts in the order they were raised. */
  public static final String BUDGET_ALERTS = "budget-alerts-store";
  /** campaignId -> the campaign's latest definition. */
  public static final String CAMPAIGNS = "campaigns-store";

  private StoreNames() {
  }
}
