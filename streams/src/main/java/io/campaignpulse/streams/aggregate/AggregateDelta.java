package io.campaignpulse.streams.aggregate;

import io.campaignpulse.streams.totals.CampaignCounts;

/**
 * A change to one aggregate, sent from the per-partition stage to the per-campaign stage (the record key is the
 * campaignId): the family, the dimension inside the campaign and the counts to add (negative for corrections).
 */
public record AggregateDelta(Family family, String dimension, CampaignCounts counts) {

  public AggregateKey key(String campaignId) {
    return new AggregateKey(family, campaignId, dimension);
  }
}
