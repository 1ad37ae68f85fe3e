package io.campaignpulse.streams;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counting rules of domain.md in plain Java, written independently of the topology: remember the
 * winning event of each order (the first one seen with its highest version), each sale once, the last report
 * of each gate slot; then sum the final states per campaign. No deltas, no corrections: totals are computed
 * from scratch, which is what makes it a reference for the incremental pipeline.
 */
public final class ReferenceModel {

  /** Expected totals of one campaign. */
  public record Totals(long orders, long pendingOrders, long orderConsumptionFen, long subsidyFen,
      long pendingSubsidyFen, long fairSales, long fairSalesFen, long visitors, long lastEventTime) {

    public long consumptionFen() {
      return orderConsumptionFen + fairSalesFen;
    }
  }

  private final Map<String, TradeInOrder> winningOrder = new HashMap<>();
  private final Set<String> saleIds = new HashSet<>();
  private final Map<String, FairSale> sales = new HashMap<>();
  private final Map<String, FairVisit> gateSlots = new HashMap<>();
  private final Map<String, Long> lastEventTime = new HashMap<>();

  public void order(TradeInOrder o) {
    TradeInOrder current = winningOrder.get(o.getOrderId());
    if (current == null || o.getVersion() > current.getVersion()) {
      winningOrder.put(o.getOrderId(), o);
      touch(o.getCampaignId(), o.getEventTime().toEpochMilli());
      if (current != null && !current.getCampaignId().equals(o.getCampaignId())) {
        touch(current.getCampaignId(), o.getEventTime().toEpochMilli());
      }
    }
  }

  public void sale(FairSale s) {
    if (saleIds.add(s.getSaleId())) {
      sales.put(s.getSaleId(), s);
      touch(s.getCampaignId(), s.getEventTime().toEpochMilli());
    }
  }

  public void visit(FairVisit v) {
    String slot = v.getFairId() + "|" + v.getGateId() + "|" + v.getEventTime().toEpochMilli();
    FairVisit previous = gateSlots.put(slot, v);
    if (previous == null || previous.getVisitors() != v.getVisitors()) {
      touch(v.getCampaignId(), v.getEventTime().toEpochMilli());
    }
  }

  private void touch(String campaignId, long time) {
    lastEventTime.merge(campaignId, time, Math::max);
  }

  /** Expected totals of every campaign that had a counted event. */
  public Map<String, Totals> totals() {
    Map<String, long[]> sums = new TreeMap<>();
    for (TradeInOrder o : winningOrder.values()) {
      long[] t = sums.computeIfAbsent(o.getCampaignId(), k -> new long[8]);
      OrderStatus status = o.getStatus();
      if (status == OrderStatus.APPROVED || status == OrderStatus.PAID) {
        t[0]++;
        t[2] += o.getPurchaseAmountFen();
        t[3] += o.getSubsidyAmountFen();
      } else if (status == OrderStatus.SUBMITTED) {
        t[1]++;
        t[4] += o.getSubsidyAmountFen();
      }
    }
    for (FairSale s : sales.values()) {
      long[] t = sums.computeIfAbsent(s.getCampaignId(), k -> new long[8]);
      t[5]++;
      t[6] += s.getAmountFen();
    }
    for (FairVisit v : gateSlots.values()) {
      sums.computeIfAbsent(v.getCampaignId(), k -> new long[8])[7] += v.getVisitors();
    }
    Map<String, Totals> result = new TreeMap<>();
    for (String campaignId : lastEventTime.keySet()) {
      long[] t = sums.getOrDefault(campaignId, new long[8]);
      result.put(campaignId, new Totals(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], lastEventTime.get(campaignId)));
    }
    return result;
  }
}
