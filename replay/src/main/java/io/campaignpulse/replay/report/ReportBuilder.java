package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.AnalyticsQueries;
import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.BudgetView;
import io.campaignpulse.streams.query.CampaignView;
import io.campaignpulse.streams.query.FairView;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Makes the report of a finished replay from its query results.
 *
 * <p>The baseline is the replay as the live pipeline would have counted it. What-if overrides of budgets and
 * thresholds only change how the same spending is judged, so their outcome is the baseline's hourly series
 * judged by the overridden budget and thresholds; a changed subsidy rule changes the spending itself, so it comes
 * as a second replay (the scenario), whose series and totals are judged instead and compared with the
 * baseline's.
 *
 * <p>Everything is ordered so equal query results give equal reports: campaigns by id, series by period,
 * breakdowns by consumption (largest first) then key, fairs by id; comparisons in the order asked.
 */
public final class ReportBuilder {

  /**
   * The widest range of the series: every 4-digit year. Period labels are {@code uuuu-MM-dd} and
   * {@code uuuu-MM-dd'T'HH} and compared as strings; years 1 to 9999 format as 4 digits and sort in time order
   * (a 5-digit year would format as {@code +10000} and sort before them).
   */
  static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
  static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
  static final LocalDateTime FIRST_HOUR = FIRST_DAY.atStartOfDay();
  static final LocalDateTime LAST_HOUR = LAST_DAY.atTime(23, 0);

  private static final Comparator<Bucket> LARGEST_CONSUMPTION_FIRST =
      Comparator.comparingLong(Bucket::consumptionFen).reversed().thenComparing(Bucket::key);
  private static final Comparator<Bucket> BY_KEY = Comparator.comparing(Bucket::key);

  private ReportBuilder() {
  }

  /** {@link #build(ReportScope, InputSummary, AnalyticsQueries, AnalyticsQueries, List, Map)} without series. */
  public static ReplayReport build(ReportScope scope, InputSummary input, AnalyticsQueries baseline,
      AnalyticsQueries scenario, List<String[]> compare) {
    return build(scope, input, baseline, scenario, compare, Map.of());
  }

  /**
   * The report of a replay.
   *
   * @param scope what was replayed; its campaigns (or every campaign of {@code baseline} when empty) are reported
   * @param baseline the queries of the replay
   * @param scenario the queries of the second replay with changed subsidy rules, or null when no rule changed
   * @param compare pairs of campaign ids {base, other}, each compared by the baseline totals
   * @param seriesByCampaign campaignId to its series (the campaign definitions hold it; the queries do not)
   */
  public static ReplayReport build(ReportScope scope, InputSummary input, AnalyticsQueries baseline,
      AnalyticsQueries scenario, List<String[]> compare, Map<String, String> seriesByCampaign) {
    List<String> ids = scope.campaigns().isEmpty()
        ? baseline.all().stream().map(CampaignView::campaignId).sorted().distinct().toList()
        : scope.campaigns();
    boolean withWhatIf = scenario != null || !scope.whatIf().isEmpty();
    TreeSet<String> unknown = new TreeSet<>();
    List<CampaignReport> campaigns = new ArrayList<>();
    for (String id : ids) {
      Optional<CampaignView> view = baseline.get(id);
      if (view.isEmpty()) {
        unknown.add(id);
        continue;
      }
      CampaignReport report = campaign(view.get(), baseline, seriesByCampaign.get(id));
      if (withWhatIf) {
        report = withWhatIf(report, scope.whatIf(), baseline, scenario);
      }
      campaigns.add(report);
    }
    List<Comparison> comparisons = new ArrayList<>();
    for (String[] pair : compare == null ? List.<String[]>of() : compare) {
      if (pair == null || pair.length != 2) {
        throw new IllegalArgumentException("a comparison is a pair of campaign ids {base, other}");
      }
      Optional<CampaignView> base = baseline.get(pair[0]);
      Optional<CampaignView> other = baseline.get(pair[1]);
      base.ifPresentOrElse(v -> { }, () -> unknown.add(pair[0]));
      other.ifPresentOrElse(v -> { }, () -> unknown.add(pair[1]));
      if (base.isPresent() && other.isPresent()) {
        comparisons.add(Comparison.of(pair[0], Totals.of(base.get()), pair[1], Totals.of(other.get())));
      }
    }
    return new ReplayReport(scope, input, campaigns, comparisons, List.copyOf(unknown));
  }

  private static CampaignReport campaign(CampaignView view, AnalyticsQueries q, String series) {
    String id = view.campaignId();
    Totals totals = Totals.of(view);
    BudgetOutcome budget = BudgetCrossings.of(q.hourly(id, FIRST_HOUR, LAST_HOUR), budgetFen(view),
        thresholds(view), totals.subsidyFen());
    List<FairView> fairs = new ArrayList<>(q.fairs(id));
    fairs.sort(Comparator.comparing(FairView::fairId));
    return new CampaignReport(id, view.name(), view.kind(), series, totals,
        sorted(q.daily(id, FIRST_DAY, LAST_DAY), BY_KEY), sorted(q.categories(id), LARGEST_CONSUMPTION_FIRST),
        sorted(q.streets(id), LARGEST_CONSUMPTION_FIRST), fairs, budget, null);
  }

  /**
   * The campaign under the overrides: the scenario's series and totals (the baseline's without a scenario)
   * judged by the overridden budget and thresholds (the campaign's own where not overridden).
   */
  private static CampaignReport withWhatIf(CampaignReport base, WhatIf whatIf, AnalyticsQueries baseline,
      AnalyticsQueries scenario) {
    String id = base.campaignId();
    AnalyticsQueries q = scenario == null ? baseline : scenario;
    Totals totals = scenario == null ? base.totals()
        : scenario.get(id).map(Totals::of).orElse(Totals.ZERO);
    long budgetFen = whatIf.budgetsFen().getOrDefault(id, base.budget().budgetFen());
    List<Integer> thresholds = whatIf.thresholdsPercent() != null ? whatIf.thresholdsPercent()
        : base.budget().thresholdsPercent();
    BudgetOutcome budget = BudgetCrossings.of(q.hourly(id, FIRST_HOUR, LAST_HOUR), budgetFen, thresholds,
        totals.subsidyFen());
    List<Bucket> daily = scenario == null ? null : sorted(scenario.daily(id, FIRST_DAY, LAST_DAY), BY_KEY);
    WhatIfOutcome outcome = new WhatIfOutcome(budget, totals, totals.minus(base.totals()), daily);
    return new CampaignReport(id, base.name(), base.kind(), base.series(), base.totals(), base.daily(),
        base.categories(), base.streets(), base.fairs(), base.budget(), outcome);
  }

  /** The budget the ledger holds, else the definition's, else none (0). */
  private static long budgetFen(CampaignView view) {
    BudgetView b = view.budget();
    if (b != null) {
      return b.budgetFen();
    }
    return view.subsidyBudgetFen() == null ? 0 : Math.max(0, view.subsidyBudgetFen());
  }

  private static List<Integer> thresholds(CampaignView view) {
    return view.budget() == null ? List.of() : view.budget().thresholdsPercent();
  }

  private static List<Bucket> sorted(List<Bucket> buckets, Comparator<Bucket> order) {
    List<Bucket> copy = new ArrayList<>(buckets);
    copy.sort(order);
    return copy;
  }
}
