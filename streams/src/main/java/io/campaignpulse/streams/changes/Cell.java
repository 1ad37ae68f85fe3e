package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.function.BiConsumer;

/**
 * The finest grain an event counts in: its campaign and, where the input has them, category, street, merchant,
 * fair, and local hour (absent when the event was too late for the series). The per-partition buffer
 * ({@link PendingChanges}) sums deltas per cell, so an event costs one or two map updates however many aggregates
 * it touches; a cell expands into its aggregates only when the buffer is emitted.
 */
record Cell(String campaignId, String category, String street, String merchantId, String fairId, String hour) {

  static Cell order(String campaignId, String category, String street, String merchantId, String hour) {
    return new Cell(campaignId, category, street, merchantId, null, hour);
  }

  static Cell sale(String campaignId, String category, String merchantId, String fairId, String hour) {
    return new Cell(campaignId, category, null, merchantId, fairId, hour);
  }

  static Cell visit(String campaignId, String fairId, String hour) {
    return new Cell(campaignId, null, null, null, fairId, hour);
  }

  /**
   * Hands each aggregate this cell counts in to {@code sink} with {@code delta}: the campaign totals with the
   * event time, the other families with counts alone and only when some count changes.
   */
  void expand(CampaignCounts delta, BiConsumer<AggregateKey, CampaignCounts> sink) {
    sink.accept(AggregateKey.of(Family.CAMPAIGN_TOTAL, campaignId, ""), delta);
    if (delta.isZero()) {
      return;
    }
    CampaignCounts counts = delta.at(CampaignCounts.NO_TIME);
    if (category != null) {
      sink.accept(AggregateKey.of(Family.CATEGORY, campaignId, category), counts);
    }
    if (street != null) {
      sink.accept(AggregateKey.of(Family.STREET, campaignId, street), counts);
    }
    if (merchantId != null) {
      sink.accept(AggregateKey.of(Family.MERCHANT, campaignId, merchantId), counts);
    }
    if (fairId != null) {
      sink.accept(AggregateKey.of(Family.FAIR_TOTAL, campaignId, fairId), counts);
    }
    if (hour != null) {
      String day = hour.substring(0, hour.indexOf('T'));
      sink.accept(AggregateKey.of(Family.CAMPAIGN_HOURLY, campaignId, hour), counts);
      sink.accept(AggregateKey.of(Family.CAMPAIGN_DAILY, campaignId, day), counts);
      if (fairId != null) {
        sink.accept(AggregateKey.of(Family.FAIR_HOURLY, campaignId, fairId, hour), counts);
        sink.accept(AggregateKey.of(Family.FAIR_DAILY, campaignId, fairId, day), counts);
      }
    }
  }
}
