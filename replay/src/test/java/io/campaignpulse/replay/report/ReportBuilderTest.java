package io.campaignpulse.replay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

  private static CampaignReport campaign(ReplayReport r, String id) {
    return r.campaigns().stream().filter(c -> c.campaignId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void withoutRequestedIdsEveryCampaignIsReportedByIdWithoutWhatIf() {
    ReplayReport r = ReportBuilder.build(ReportFixtures.scope(WhatIf.NONE), InputSummary.EMPTY,
        ReportFixtures.baseline(), null, List.of());

    assertThat(r.campaigns()).extracting(CampaignReport::campaignId)
        .containsExactly("spring-2023", "spring-2024", "ti-2024");
    assertThat(r.campaigns()).allSatisfy(c -> assertThat(c.whatIf()).isNull());
    CampaignReport ti = campaign(r, "ti-2024");
    assertThat(ti.totals().subsidyFen()).isEqualTo(10_500_00);
    assertThat(ti.daily()).extracting(b -> b.key()).containsExactly("2024-05-01", "2024-05-02");
    assertThat(ti.categories()).extracting(b -> b.key()).containsExactly("HOME_APPLIANCE", "AUTO", "DIGITAL");
    assertThat(ti.streets()).extracting(b -> b.key()).containsExactly("荷花路, 东段", "-");
    // budget 1,000,000 fen, cumulative 300,000 / 500,000 / 850,000 / 750,000 (refund) / 850,000 / 1,050,000:
    // 50% at T09, 80% first at T10 (not again on the 2nd after the refund), 90% and 100% at 05-02T10
    assertThat(ti.budget().crossings()).containsExactly(
        new ThresholdCrossing(50, "2024-05-01T09", 5_000_00),
        new ThresholdCrossing(80, "2024-05-01T10", 8_500_00),
        new ThresholdCrossing(90, "2024-05-02T10", 10_500_00),
        new ThresholdCrossing(100, "2024-05-02T10", 10_500_00));
    assertThat(ti.budget().exhaustedHour()).isEqualTo("2024-05-02T10");
    assertThat(campaign(r, "spring-2024").fairs()).extracting(f -> f.fairId()).containsExactly("hall-a", "hall-b");
  }

  @Test
  void aSmallerWhatIfBudgetMovesTheCrossingsEarlier() {
    WhatIf whatIf = new WhatIf(Map.of("ti-2024", 6_000_00L), null, List.of());
    ReplayReport r = ReportBuilder.build(ReportFixtures.scope(whatIf), InputSummary.EMPTY,
        ReportFixtures.baseline(), null, List.of());

    CampaignReport ti = campaign(r, "ti-2024");
    assertThat(ti.budget().budgetFen()).isEqualTo(10_000_00);
    WhatIfOutcome w = ti.whatIf();
    assertThat(w.budget().budgetFen()).isEqualTo(6_000_00);
    assertThat(w.budget().thresholdsPercent()).containsExactly(50, 80, 90, 100);
    // 600,000 fen: 50% = 300,000 at T08, 80% = 480,000 at T09, 90% = 540,000 and 100% at T10
    assertThat(w.budget().crossings()).containsExactly(
        new ThresholdCrossing(50, "2024-05-01T08", 3_000_00),
        new ThresholdCrossing(80, "2024-05-01T09", 5_000_00),
        new ThresholdCrossing(90, "2024-05-01T10", 8_500_00),
        new ThresholdCrossing(100, "2024-05-01T10", 8_500_00));
    assertThat(w.budget().exhaustedHour()).isEqualTo("2024-05-01T10");
    assertThat(w.budget().grantedPercent()).isEqualTo(new BigDecimal("175.00"));
    assertThat(w.totals()).isEqualTo(ti.totals());
    assertThat(w.delta()).isEqualTo(Totals.ZERO);
    assertThat(w.daily()).isNull();
    // a campaign without an override keeps its own budget
    assertThat(campaign(r, "spring-2024").whatIf().budget().budgetFen()).isZero();
  }

  @Test
  void aScenarioWithAChangedSubsidyRuleGivesItsTotalsAndTheDelta() {
    WhatIf whatIf = new WhatIf(Map.of(), List.of(50, 100), List.of("HOME_APPLIANCE=80%"));
    ReplayReport r = ReportBuilder.build(ReportFixtures.scope(whatIf), InputSummary.EMPTY,
        ReportFixtures.baseline(), ReportFixtures.queries(80), List.of());

    WhatIfOutcome w = campaign(r, "ti-2024").whatIf();
    assertThat(w.totals().subsidyFen()).isEqualTo(8_400_00);
    assertThat(w.delta()).isEqualTo(new Totals(0, 0, 0, 0, 0, 0, -2_100_00, 0, 0));
    assertThat(w.budget().thresholdsPercent()).containsExactly(50, 100);
    assertThat(w.budget().grantedFen()).isEqualTo(8_400_00);
    // the scenario's cumulative: 240,000 / 400,000 / 680,000 / 600,000 / 680,000 / 840,000: 50% at T10, never 100%
    assertThat(w.budget().crossings()).containsExactly(new ThresholdCrossing(50, "2024-05-01T10", 6_800_00));
    assertThat(w.budget().exhaustedHour()).isNull();
    assertThat(w.daily()).extracting(b -> b.subsidyFen()).containsExactly(6_000_00L, 2_400_00L);
  }

  @Test
  void comparisonsGiveGrowthPerMetricAndNoneWhereTheBaseIsZero() {
    ReplayReport r = ReportBuilder.build(ReportFixtures.scope(WhatIf.NONE), InputSummary.EMPTY,
        ReportFixtures.baseline(), null, List.<String[]>of(new String[] {"spring-2023", "spring-2024"}));

    Comparison c = r.comparisons().get(0);
    assertThat(c.base().visitors()).isEqualTo(1_000);
    assertThat(c.other().visitors()).isEqualTo(1_484);
    assertThat(c.growthPercent()).containsEntry("visitors", new BigDecimal("48.4"))
        .containsEntry("fairSalesFen", new BigDecimal("62.2")) // 1,216,300 / 750,000 = +62.17%
        .containsEntry("fairSales", new BigDecimal("73.3"))
        .doesNotContainKeys("orders", "subsidyFen", "pendingOrders");
    assertThat(List.copyOf(c.growthPercent().keySet())).isSorted();
  }

  @Test
  void growthRoundsHalfUpToOneDecimalAndCanBeNegative() {
    assertThat(Comparison.growth(1_000, 1_484)).isEqualTo(new BigDecimal("48.4"));
    assertThat(Comparison.growth(2_000, 2_001)).isEqualTo(new BigDecimal("0.1")); // 0.05 half up
    assertThat(Comparison.growth(2_000, 1_999)).isEqualTo(new BigDecimal("-0.1"));
    assertThat(Comparison.growth(3, 0)).isEqualTo(new BigDecimal("-100.0"));
  }

  @Test
  void unknownCampaignsAreListedNotReportedNorCompared() {
    ReportScope scope = new ReportScope(List.of("ti-2024", "nope"), null, null, "topics tradein-orders",
        "Asia/Shanghai", WhatIf.NONE);
    ReplayReport r = ReportBuilder.build(scope, InputSummary.EMPTY, ReportFixtures.baseline(), null,
        List.<String[]>of(new String[] {"spring-2023", "typo"}));

    assertThat(r.campaigns()).extracting(CampaignReport::campaignId).containsExactly("ti-2024");
    assertThat(r.comparisons()).isEmpty();
    assertThat(r.unknownCampaigns()).containsExactly("nope", "typo");
  }

  @Test
  void aComparisonIsAPair() {
    assertThatThrownBy(() -> ReportBuilder.build(ReportFixtures.scope(WhatIf.NONE), InputSummary.EMPTY,
        ReportFixtures.baseline(), null, List.<String[]>of(new String[] {"spring-2023"})))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWidestRangeFormatsAsFourDigitLabels() {
    assertThat(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").format(ReportBuilder.FIRST_HOUR))
        .isEqualTo("0001-01-01T00");
    assertThat(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").format(ReportBuilder.LAST_HOUR))
        .isEqualTo("9999-12-31T23");
  }
}
