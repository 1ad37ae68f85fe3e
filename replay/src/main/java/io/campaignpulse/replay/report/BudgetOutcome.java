package io.campaignpulse.replay.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a campaign's spending went against a budget: what was granted in the end and when, by event-time hour,
 * each threshold was first reached and the budget exhausted. See {@link BudgetCrossings}.
 *
 * @param budgetFen the budget judged against, in fen (0: no subsidy budget)
 * @param thresholdsPercent the thresholds judged, ascending
 * @param grantedFen the subsidy granted in the end, in fen
 * @param grantedPercent granted / budget as a percentage, two decimals, half up; null when the budget is 0
 * @param crossings the thresholds reached, ascending
 * @param exhaustedHour the first hour cumulative granted subsidy reached the budget; null if it never did
 */
public record BudgetOutcome(long budgetFen, List<Integer> thresholdsPercent, long grantedFen,
    BigDecimal grantedPercent, List<ThresholdCrossing> crossings, String exhaustedHour) {

  public BudgetOutcome {
    thresholdsPercent = List.copyOf(thresholdsPercent);
    crossings = List.copyOf(crossings);
  }
}
