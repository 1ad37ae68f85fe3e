package io.campaignpulse.streams.query;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A campaign as of a past time: the sum of its net hourly changes ({@code campaign-hourly-net-store}) over every
 * local hour that ended at or before {@code asOf}. Hour resolution: {@code asOf} is the requested time truncated
 * to the start of its local hour, and {@code throughHour} the last local hour counted. Late events are included
 * ({@code lateEventsIncluded}): a late event counts in its own hour. Money in integer fen.
 */
public record AsOfView(
    String campaignId,
    String name,
    Instant requestedAsOf,
    Instant asOf,
    String throughHour,
    boolean lateEventsIncluded,
    long orders,
    long pendingOrders,
    long consumptionFen,
    long orderConsumptionFen,
    long fairSalesFen,
    long fairSales,
    long subsidyFen,
    long pendingSubsidyFen,
    long visitors,
    Budget budget) {

  /**
   * Subsidy granted and pending as of {@code asOf} against the campaign's current budget (the budget itself is
   * not versioned), the share granted as in {@link BudgetView}; no forecast. Null without a known budget.
   */
  public record Budget(long budgetFen, long grantedFen, long pendingFen, BigDecimal grantedPercent) {
  }

  static AsOfView of(String campaignId, Campaign campaign, AsOfCut cut, CampaignCounts c, Long budgetFen) {
    Budget budget = budgetFen == null ? null : new Budget(Math.max(0, budgetFen), c.subsidyFen(),
        c.pendingSubsidyFen(), BudgetView.percent(c.subsidyFen(), budgetFen));
    return new AsOfView(campaignId, campaign == null ? null : campaign.getName(), cut.requested(), cut.asOf(),
        cut.throughHour(), true, c.orders(), c.pendingOrders(), c.consumptionFen(), c.orderConsumptionFen(),
        c.fairSalesFen(), c.fairSales(), c.subsidyFen(), c.pendingSubsidyFen(), c.visitors(), budget);
  }
}
