package io.campaignpulse.streams.query;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Instant;

/**
 * What the API shows of one campaign: its definition (when the campaign is known), its live totals, and where its
 * subsidy budget stands with the forecast (null before any order or definition reached the budget stage). Money
 * in integer fen.
 */
public record CampaignView(
    String campaignId,
    String name,
    String kind,
    String region,
    Long subsidyBudgetFen,
    long orders,
    long pendingOrders,
    long consumptionFen,
    long orderConsumptionFen,
    long fairSalesFen,
    long fairSales,
    long subsidyFen,
    long pendingSubsidyFen,
    long visitors,
    Instant lastEventTime,
    BudgetView budget) {

  public static CampaignView of(String campaignId, Campaign campaign, CampaignCounts counts) {
    CampaignCounts c = counts == null ? CampaignCounts.ZERO : counts;
    return new CampaignView(
        campaignId,
        campaign == null ? null : campaign.getName(),
        campaign == null ? null : campaign.getKind().name(),
        campaign == null ? null : campaign.getRegion(),
        campaign == null ? null : campaign.getSubsidyBudgetFen(),
        c.orders(), c.pendingOrders(), c.consumptionFen(), c.orderConsumptionFen(), c.fairSalesFen(),
        c.fairSales(), c.subsidyFen(), c.pendingSubsidyFen(), c.visitors(),
        c.lastEventTime() == CampaignCounts.NO_TIME ? null : Instant.ofEpochMilli(c.lastEventTime()), null);
  }

  public CampaignView withBudget(BudgetView view) {
    return new CampaignView(campaignId, name, kind, region, subsidyBudgetFen, orders, pendingOrders, consumptionFen,
        orderConsumptionFen, fairSalesFen, fairSales, subsidyFen, pendingSubsidyFen, visitors, lastEventTime, view);
  }
}
