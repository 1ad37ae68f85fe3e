package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.sim.GroundTruth.FairTotals;
import io.campaignpulse.producers.sim.GroundTruth.Totals;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counting rules applied to an emitted event stream, written independently of the simulator's
 * tracker: the highest version of each order counts, a repeated saleId or (fairId, gateId, eventTime)
 * counts once, malformed records are skipped.
 */
final class IndependentFold {

  private final Map<String, TradeInOrder> latest = new HashMap<>();
  private final Set<String> saleIds = new HashSet<>();
  private final Set<String> visitReports = new HashSet<>();
  private final Map<String, long[]> fairs = new TreeMap<>();
  private final Map<String, String> fairCampaign = new HashMap<>();
  private final Map<String, long[]> campaignFairFigures = new HashMap<>();

  void accept(SimEvent event) {
    if (event.isMalformed()) {
      return;
    }
    switch (event.stream()) {
      case ORDERS -> {
        TradeInOrder o = (TradeInOrder) event.value();
        TradeInOrder before = latest.get(o.getOrderId());
        if (before == null || o.getVersion() > before.getVersion()) {
          latest.put(o.getOrderId(), o);
        }
      }
      case FAIR_SALES -> {
        FairSale s = (FairSale) event.value();
        if (saleIds.add(s.getSaleId())) {
          long[] f = fair(s.getFairId(), s.getCampaignId());
          f[1]++;
          f[2] += s.getAmountFen();
          long[] c = campaignFairFigures.computeIfAbsent(s.getCampaignId(), k -> new long[3]);
          c[1]++;
          c[2] += s.getAmountFen();
        }
      }
      case FAIR_VISITS -> {
        FairVisit v = (FairVisit) event.value();
        if (visitReports.add(v.getFairId() + "|" + v.getGateId() + "|" + v.getEventTime())) {
          fair(v.getFairId(), v.getCampaignId())[0] += v.getVisitors();
          campaignFairFigures.computeIfAbsent(v.getCampaignId(), k -> new long[3])[0] += v.getVisitors();
        }
      }
      case CAMPAIGNS -> {
        // definitions carry no figures
      }
    }
  }

  /** Campaign totals keyed by campaignId, for the given campaigns in order. */
  Map<String, Totals> campaigns(List<Scenario.CampaignSpec> specs) {
    Map<String, long[]> orders = new HashMap<>();
    for (TradeInOrder o : latest.values()) {
      long[] a = orders.computeIfAbsent(o.getCampaignId(), k -> new long[5]);
      if (o.getStatus() == OrderStatus.APPROVED || o.getStatus() == OrderStatus.PAID) {
        a[0]++;
        a[2] += o.getPurchaseAmountFen();
        a[3] += o.getSubsidyAmountFen();
      } else if (o.getStatus() == OrderStatus.SUBMITTED) {
        a[1]++;
        a[4] += o.getSubsidyAmountFen();
      }
    }
    Map<String, Totals> result = new LinkedHashMap<>();
    for (Scenario.CampaignSpec c : specs) {
      long[] a = orders.getOrDefault(c.campaignId(), new long[5]);
      long[] f = campaignFairFigures.getOrDefault(c.campaignId(), new long[3]);
      result.put(c.campaignId(), new Totals(c.campaignId(), c.kind(), a[0], a[1], a[2], a[3], a[4], f[2], f[1], f[0]));
    }
    return result;
  }

  Map<String, FairTotals> fairs() {
    Map<String, FairTotals> result = new LinkedHashMap<>();
    fairs.forEach((id, f) -> result.put(id, new FairTotals(id, fairCampaign.get(id), f[0], f[1], f[2])));
    return result;
  }

  private long[] fair(String fairId, String campaignId) {
    fairCampaign.putIfAbsent(fairId, campaignId);
    return fairs.computeIfAbsent(fairId, k -> new long[3]);
  }
}
