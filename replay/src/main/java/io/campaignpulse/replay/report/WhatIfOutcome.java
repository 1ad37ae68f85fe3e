package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.Bucket;
import java.util.List;

/**
 * A campaign under the what-if overrides: its budget outcome with the overridden budget and thresholds, its
 * totals and their difference to the baseline.
 *
 * @param budget the outcome with the what-if budget and thresholds, over the scenario's series
 * @param totals the scenario's totals (the baseline's when no subsidy rule changed)
 * @param delta scenario minus baseline
 * @param daily the scenario's daily series when a subsidy rule changed (a second replay); null when the series
 *     is the baseline's
 */
public record WhatIfOutcome(BudgetOutcome budget, Totals totals, Totals delta, List<Bucket> daily) {

  public WhatIfOutcome {
    daily = daily == null ? null : List.copyOf(daily);
  }
}
