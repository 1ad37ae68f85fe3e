package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.FairView;
import java.util.List;

/**
 * One campaign of a replay: its definition, totals, daily series (by day key), breakdowns (largest consumption
 * first, ties by key), fairs (by id), its budget outcome and, with what-if overrides, the what-if outcome.
 * Name, kind and series are null when the replayed input did not define the campaign.
 */
public record CampaignReport(
    String campaignId,
    String name,
    String kind,
    String series,
    Totals totals,
    List<Bucket> daily,
    List<Bucket> categories,
    List<Bucket> streets,
    List<FairView> fairs,
    BudgetOutcome budget,
    WhatIfOutcome whatIf) {

  public CampaignReport {
    daily = List.copyOf(daily);
    categories = List.copyOf(categories);
    streets = List.copyOf(streets);
    fairs = List.copyOf(fairs);
  }
}
