package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.CampaignView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of a campaign (or of one day, category, street or fair) in the order every report shows them.
 * Money in integer fen; consumption is order consumption plus fair sales. The same shape holds a difference
 * between two replays ({@link #minus}), which may be negative.
 */
public record Totals(
    long orders,
    long pendingOrders,
    long consumptionFen,
    long orderConsumptionFen,
    long fairSales,
    long fairSalesFen,
    long subsidyFen,
    long pendingSubsidyFen,
    long visitors) {

  public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0);

  public static Totals of(CampaignView v) {
    return new Totals(v.orders(), v.pendingOrders(), v.consumptionFen(), v.orderConsumptionFen(), v.fairSales(),
        v.fairSalesFen(), v.subsidyFen(), v.pendingSubsidyFen(), v.visitors());
  }

  public static Totals of(Bucket b) {
    return new Totals(b.orders(), b.pendingOrders(), b.consumptionFen(), b.orderConsumptionFen(), b.fairSales(),
        b.fairSalesFen(), b.subsidyFen(), b.pendingSubsidyFen(), b.visitors());
  }

  /** This minus {@code o}, metric by metric: what a scenario changed against the baseline. */
  public Totals minus(Totals o) {
    return new Totals(orders - o.orders, pendingOrders - o.pendingOrders, consumptionFen - o.consumptionFen,
        orderConsumptionFen - o.orderConsumptionFen, fairSales - o.fairSales, fairSalesFen - o.fairSalesFen,
        subsidyFen - o.subsidyFen, pendingSubsidyFen - o.pendingSubsidyFen, visitors - o.visitors);
  }

  /** The metrics by their JSON names, in field order (for tables and comparisons). */
  public Map<String, Long> asMap() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("orders", orders);
    m.put("pendingOrders", pendingOrders);
    m.put("consumptionFen", consumptionFen);
    m.put("orderConsumptionFen", orderConsumptionFen);
    m.put("fairSales", fairSales);
    m.put("fairSalesFen", fairSalesFen);
    m.put("subsidyFen", subsidyFen);
    m.put("pendingSubsidyFen", pendingSubsidyFen);
    m.put("visitors", visitors);
    return m;
  }
}
