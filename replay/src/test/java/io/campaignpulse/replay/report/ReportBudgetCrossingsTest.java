package io.campaignpulse.replay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.query.Bucket;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBudgetCrossingsTest {

  static Bucket hour(String key, long subsidyFen) {
    return new Bucket(key, 1, 0, 10 * subsidyFen, 10 * subsidyFen, subsidyFen, 0, 0, 0, 0);
  }

  /*
   * Budget 10,000 fen, thresholds 50/80/90/100. Hand-checked cumulative subsidy:
   *   T08 +3,000 ->  3,000 (30%)
   *   T09 +2,000 ->  5,000 (50%)  50 reached (exactly: 5,000*100 >= 50*10,000)
   *   T10 +3,500 ->  8,500 (85%)  80 reached
   *   T11 -1,000 ->  7,500 (75%)  refund: below 80 again
   *   T12 +1,000 ->  8,500 (85%)  80 reached again: the crossing stays T10 (first reach)
   *   T13   +400 ->  8,900 (89%)  (one fen short of 90% would be 8,999)
   *   T14    +99 ->  8,999        still below 90
   *   T15     +1 ->  9,000 (90%)  90 reached
   *   T16 +1,000 -> 10,000 (100%) 100 reached, exhausted
   *   T17   +500 -> 10,500
   * The series arrives out of order: keys sort chronologically.
   */
  static final List<Bucket> SERIES = List.of(
      hour("2024-05-01T12", 1_000), hour("2024-05-01T08", 3_000), hour("2024-05-01T09", 2_000),
      hour("2024-05-01T10", 3_500), hour("2024-05-01T11", -1_000), hour("2024-05-01T13", 400),
      hour("2024-05-01T14", 99), hour("2024-05-01T15", 1), hour("2024-05-01T16", 1_000),
      hour("2024-05-01T17", 500));

  @Test
  void firstHourReachingEachThresholdCountsEvenAfterARefundDipsBelowIt() {
    BudgetOutcome o = BudgetCrossings.of(SERIES, 10_000, List.of(90, 50, 100, 80));

    assertThat(o.thresholdsPercent()).containsExactly(50, 80, 90, 100);
    assertThat(o.crossings()).containsExactly(
        new ThresholdCrossing(50, "2024-05-01T09", 5_000),
        new ThresholdCrossing(80, "2024-05-01T10", 8_500),
        new ThresholdCrossing(90, "2024-05-01T15", 9_000),
        new ThresholdCrossing(100, "2024-05-01T16", 10_000));
    assertThat(o.exhaustedHour()).isEqualTo("2024-05-01T16");
    assertThat(o.grantedFen()).isEqualTo(10_500);
    assertThat(o.grantedPercent()).isEqualByComparingTo("105.00");
    assertThat(o.grantedPercent().scale()).isEqualTo(2);
  }

  @Test
  void aBudgetOfZeroHasNoCrossingsNoExhaustionAndNoPercent() {
    BudgetOutcome o = BudgetCrossings.of(SERIES, 0, List.of(50, 80, 90, 100));

    assertThat(o.crossings()).isEmpty();
    assertThat(o.exhaustedHour()).isNull();
    assertThat(o.grantedPercent()).isNull();
    assertThat(o.grantedFen()).isEqualTo(10_500);
  }

  @Test
  void aBudgetNeverReachedIsNotExhausted() {
    BudgetOutcome o = BudgetCrossings.of(SERIES, 20_000, List.of(50, 80), 12_345);

    assertThat(o.crossings()).containsExactly(new ThresholdCrossing(50, "2024-05-01T16", 10_000));
    assertThat(o.exhaustedHour()).isNull();
    assertThat(o.grantedFen()).isEqualTo(12_345); // the total, late events included
    assertThat(o.grantedPercent()).isEqualTo(new BigDecimal("61.73")); // 61.725 half up
  }

  @Test
  void thresholdsJumpedInOneHourAllCrossInThatHour() {
    BudgetOutcome o = BudgetCrossings.of(List.of(hour("2024-05-01T08", 9_500)), 10_000, List.of(50, 80, 90, 100));

    assertThat(o.crossings()).extracting(ThresholdCrossing::hour).containsExactly(
        "2024-05-01T08", "2024-05-01T08", "2024-05-01T08");
    assertThat(o.exhaustedHour()).isNull();
  }

  @Test
  void exactIntegerComparisonHasNoRoundingAtHugeAmounts() {
    long budget = 3_000_000_000_000_001L; // threshold * budget overflows a long
    BudgetOutcome o = BudgetCrossings.of(List.of(hour("2024-05-01T08", 1_500_000_000_000_000L),
        hour("2024-05-01T09", 1L)), budget, List.of(50));

    assertThat(o.crossings()).containsExactly(new ThresholdCrossing(50, "2024-05-01T09", 1_500_000_000_000_001L));
  }
}
