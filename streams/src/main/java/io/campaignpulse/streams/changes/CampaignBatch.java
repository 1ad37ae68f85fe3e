package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.alerts.SubsidyChange;
import java.util.List;

/**
 * Everything one input partition changed in one campaign between two emits, sent to the per-campaign stage as a
 * single record keyed by campaignId: the summed delta of each aggregate, and the per-order subsidy changes in the
 * order their events were processed (the budget stage applies them one by one, so an alert still names the order
 * that crossed). One record per campaign and emit instead of one per aggregate and one per order event.
 */
public record CampaignBatch(List<AggregateDelta> deltas, List<SubsidyChange> subsidyChanges) {

  public CampaignBatch {
    deltas = List.copyOf(deltas);
    subsidyChanges = List.copyOf(subsidyChanges);
  }

  public boolean hasSubsidyChanges() {
    return !subsidyChanges.isEmpty();
  }
}
