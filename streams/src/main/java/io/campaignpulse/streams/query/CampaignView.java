package io.campaignpulse.streams.query;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Instant;

/**
 * What the API shows of one campaign: its definition (when the campaign is known) and its live totals.
 * Money in integer fen.
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
    Instant lastEventTime) {

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
        c.lastEventTime() == CampaignCounts.NO_TIME ? null : Instant.ofEpochMilli(c.lastEventTime()));
  }
}
