package io.campaignpulse.streams.query;

import io.campaignpulse.streams.alerts.BudgetLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * Where a campaign's subsidy budget stands, from its budget ledger: granted and pending subsidy against the
 * budget, the share granted (exact decimal, two places, rounded half up), the recent burn rate and when the budget
 * runs out at that rate (event time; null without a budget or recent spending, the time of the last change when
 * it already has), and the thresholds that alert (percent of the budget, ascending: the marks of a budget gauge).
 * Money in integer fen.
 */
public record BudgetView(
    long budgetFen,
    long grantedFen,
    long pendingFen,
    BigDecimal grantedPercent,
    long burnFenPerDay,
    Instant projectedExhaustion,
    List<Integer> thresholdsPercent) {

  public static BudgetView of(BudgetLedger ledger) {
    BigDecimal percent = percent(ledger.grantedFen(), ledger.budgetFen());
    long exhaustion = ledger.projectedExhaustion();
    return new BudgetView(Math.max(0, ledger.budgetFen()), ledger.grantedFen(), ledger.pendingFen(), percent,
        ledger.burnFenPerDay(), exhaustion == Long.MIN_VALUE ? null : Instant.ofEpochMilli(exhaustion),
        ledger.thresholdsPercent());
  }

  /** granted / budget as a percentage, two places, rounded half up; null without a (positive) budget. */
  static BigDecimal percent(long grantedFen, long budgetFen) {
    return budgetFen <= 0 ? null : BigDecimal.valueOf(grantedFen).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(budgetFen), 2, RoundingMode.HALF_UP);
  }
}
