package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.producers.sim.GroundTruth.FairTotals;
import io.campaignpulse.producers.sim.GroundTruth.Totals;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the ground truth up to date as the simulator emits its events. It is fed the simulator's
 * intents (what a genuine event means), never duplicates or malformed records, so it does not parse
 * or deduplicate the stream; the one rule it applies is that an order stands at its highest emitted
 * version, which an out-of-order or late older version cannot undo.
 */
final class TruthTracker {

  /** What a genuine event means for the totals. */
  sealed interface Intent permits OrderIntent, VisitIntent, SaleIntent {
  }

  /** Order {@code orderId} reached {@code status} at {@code version}. */
  record OrderIntent(String orderId, int version, String campaignId, OrderStatus status, long purchaseFen,
                     long subsidyFen) implements Intent {
  }

  /** {@code visitors} passed a gate of a fair. */
  record VisitIntent(String campaignId, String fairId, long visitors) implements Intent {
  }

  /** A sale of {@code amountFen} at a fair. */
  record SaleIntent(String campaignId, String fairId, long amountFen) implements Intent {
  }

  private final Map<String, CampaignAcc> campaigns = new LinkedHashMap<>();
  private final Map<String, FairAcc> fairs = new TreeMap<>();
  private final Map<String, OrderIntent> orders = new HashMap<>();
  private long emitted;

  TruthTracker(List<Scenario.CampaignSpec> specs) {
    for (Scenario.CampaignSpec c : specs) {
      campaigns.put(c.campaignId(), new CampaignAcc(c.campaignId(), c.kind()));
    }
  }

  void apply(Intent intent) {
    if (intent instanceof OrderIntent o) {
      OrderIntent before = orders.get(o.orderId());
      if (before != null && before.version() >= o.version()) {
        return;
      }
      CampaignAcc acc = campaigns.get(o.campaignId());
      if (before != null) {
        acc.count(before, -1);
      }
      acc.count(o, +1);
      orders.put(o.orderId(), o);
    } else if (intent instanceof VisitIntent v) {
      campaigns.get(v.campaignId()).visitors += v.visitors();
      fair(v.fairId(), v.campaignId()).visitors += v.visitors();
    } else if (intent instanceof SaleIntent s) {
      CampaignAcc acc = campaigns.get(s.campaignId());
      acc.fairSales++;
      acc.fairSalesFen += s.amountFen();
      FairAcc fair = fair(s.fairId(), s.campaignId());
      fair.sales++;
      fair.salesFen += s.amountFen();
    }
  }

  void countEmitted() {
    emitted++;
  }

  GroundTruth snapshot() {
    Map<String, Totals> byCampaign = new LinkedHashMap<>();
    Map<CampaignKind, Totals> byKind = new EnumMap<>(CampaignKind.class);
    Totals total = Totals.zero(GroundTruth.TOTAL_ID, null);
    for (CampaignAcc acc : campaigns.values()) {
      Totals t = acc.totals();
      byCampaign.put(acc.id, t);
      byKind.merge(acc.kind, t.as(acc.kind.name(), acc.kind), (a, b) -> a.plus(b));
      total = total.plus(t);
    }
    for (CampaignKind kind : CampaignKind.values()) {
      byKind.putIfAbsent(kind, Totals.zero(kind.name(), kind));
    }
    Map<String, FairTotals> fairTotals = new LinkedHashMap<>();
    fairs.forEach((id, f) -> fairTotals.put(id, new FairTotals(id, f.campaignId, f.visitors, f.sales, f.salesFen)));
    return new GroundTruth(total, byKind, byCampaign, fairTotals, emitted);
  }

  private FairAcc fair(String fairId, String campaignId) {
    return fairs.computeIfAbsent(fairId, id -> new FairAcc(campaignId));
  }

  private static final class CampaignAcc {
    final String id;
    final CampaignKind kind;
    long orders;
    long pendingOrders;
    long orderConsumptionFen;
    long subsidyFen;
    long pendingSubsidyFen;
    long fairSalesFen;
    long fairSales;
    long visitors;

    CampaignAcc(String id, CampaignKind kind) {
      this.id = id;
      this.kind = kind;
    }

    /** Adds ({@code sign} +1) or takes back (-1) an order state's contribution. */
    void count(OrderIntent o, int sign) {
      switch (o.status()) {
        case APPROVED, PAID -> {
          orders += sign;
          orderConsumptionFen += sign * o.purchaseFen();
          subsidyFen += sign * o.subsidyFen();
        }
        case SUBMITTED -> {
          pendingOrders += sign;
          pendingSubsidyFen += sign * o.subsidyFen();
        }
        case CANCELLED, REFUNDED -> {
          // contributes nothing
        }
      }
    }

    Totals totals() {
      return new Totals(id, kind, orders, pendingOrders, orderConsumptionFen, subsidyFen, pendingSubsidyFen,
          fairSalesFen, fairSales, visitors);
    }
  }

  private static final class FairAcc {
    final String campaignId;
    long visitors;
    long sales;
    long salesFen;

    FairAcc(String campaignId) {
      this.campaignId = campaignId;
    }
  }
}
