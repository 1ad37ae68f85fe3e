package io.campaignpulse.bench;

import io.campaignpulse.streams.query.CampaignView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A replay's totals (its baseline stores, {@code all()}) as the figures the reference model computes. */
final class ReplayTotals {

  private ReplayTotals() {
  }

  /** One entry per campaign the replay knows, counted or only defined. */
  static Map<String, StreamsReference.Figures> of(List<CampaignView> views) {
    Map<String, StreamsReference.Figures> figures = new TreeMap<>();
    for (CampaignView v : views) {
      figures.put(v.campaignId(), new StreamsReference.Figures(v.orders(), v.pendingOrders(),
          v.orderConsumptionFen(), v.consumptionFen(), v.subsidyFen(), v.pendingSubsidyFen()));
    }
    return figures;
  }
}
