package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.Bucket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * When a campaign's spending reached each threshold of a budget, from its hourly series: granted subsidy is
 * summed in hour order, and the first hour whose cumulative sum reaches a threshold
 * ({@code granted * 100 >= threshold * budget}, exact integer arithmetic, like the live alerts) is that
 * threshold's crossing; the first hour reaching the whole budget is its exhaustion.
 *
 * <p>Refunds and cancellations make the cumulative sum go down. A threshold counts once, at the first hour that
 * reaches it: dipping below it and reaching it again later does not move the crossing (the live alerting would
 * raise a second alert then; a report asks "when was it first reached").
 *
 * <p>The hourly series counts only events that arrived within the grace period; late events are in the
 * campaign's totals but not in its series. Crossings are therefore "by event-time hour" of the in-time events,
 * and may come later than (or not at all, while) the total granted subsidy says a threshold was reached.
 * A budget of 0 (no subsidy budget) has no crossings and no exhaustion.
 */
public final class BudgetCrossings {

  private BudgetCrossings() {
  }

  /**
   * The outcome over {@code hourly}, with granted subsidy the sum of the series.
   *
   * @param hourly the hourly buckets, in any order (their keys sort chronologically)
   */
  public static BudgetOutcome of(List<Bucket> hourly, long budgetFen, Collection<Integer> thresholdsPercent) {
    long sum = 0;
    for (Bucket b : hourly) {
      sum = Math.addExact(sum, b.subsidyFen());
    }
    return of(hourly, budgetFen, thresholdsPercent, sum);
  }

  /**
   * The outcome over {@code hourly}, with {@code grantedFen} the campaign's total granted subsidy (which also
   * counts late events) as the final figure and its share of the budget.
   */
  public static BudgetOutcome of(List<Bucket> hourly, long budgetFen, Collection<Integer> thresholdsPercent,
      long grantedFen) {
    List<Integer> thresholds = List.copyOf(new TreeSet<>(thresholdsPercent));
    List<Bucket> inOrder = new ArrayList<>(hourly);
    inOrder.sort((a, b) -> a.key().compareTo(b.key()));
    List<ThresholdCrossing> crossings = new ArrayList<>();
    String exhausted = null;
    if (budgetFen > 0) {
      BigInteger budget = BigInteger.valueOf(budgetFen);
      BigInteger hundred = BigInteger.valueOf(100);
      boolean[] reached = new boolean[thresholds.size()];
      long cumulative = 0;
      for (Bucket b : inOrder) {
        cumulative = Math.addExact(cumulative, b.subsidyFen());
        BigInteger granted100 = BigInteger.valueOf(cumulative).multiply(hundred);
        for (int i = 0; i < thresholds.size(); i++) {
          if (!reached[i] && granted100.compareTo(budget.multiply(BigInteger.valueOf(thresholds.get(i)))) >= 0) {
            reached[i] = true;
            crossings.add(new ThresholdCrossing(thresholds.get(i), b.key(), cumulative));
          }
        }
        if (exhausted == null && cumulative >= budgetFen) {
          exhausted = b.key();
        }
      }
    }
    crossings.sort((a, b) -> Integer.compare(a.thresholdPercent(), b.thresholdPercent()));
    return new BudgetOutcome(budgetFen, thresholds, grantedFen, percent(grantedFen, budgetFen), crossings,
        exhausted);
  }

  /** granted / budget in percent, two decimals, half up (as the live BudgetView); null without a budget. */
  static BigDecimal percent(long grantedFen, long budgetFen) {
    if (budgetFen <= 0) {
      return null;
    }
    return BigDecimal.valueOf(grantedFen).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(budgetFen), 2, RoundingMode.HALF_UP);
  }
}
