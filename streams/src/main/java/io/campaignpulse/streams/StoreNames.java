package io.campaignpulse.streams;

/** Names of the state stores; they name changelog topics too, so they never change once deployed. */
public final class StoreNames {

  /** orderId -> the highest version seen and what it counts. */
  public static final String ORDERS_LATEST = "orders-latest-store";
  /** saleId -> event time, the fair sales already counted. */
  public static final String FAIR_SALES_SEEN = "fair-sales-seen-store";
  /** fairId|gateId|slot -> visitors, the gate reports already counted. */
  public static final String FAIR_VISIT_REPORTS = "fair-visit-reports-store";
  /** campaignId -> live totals; queryable. */
  public static final String CAMPAIGN_TOTALS = "campaign-totals-store";
  /** campaignId -> the campaign's latest definition; queryable. */
  public static final String CAMPAIGNS = "campaigns-store";

  private StoreNames() {
  }
}
