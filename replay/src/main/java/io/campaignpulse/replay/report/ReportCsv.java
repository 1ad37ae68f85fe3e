package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.FairView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as CSV tables for spreadsheets, one file per table, long format (one row per campaign and period,
 * breakdown entry, crossing or compared metric). Money columns are integer fen and say so ({@code _fen});
 * percentages are plain decimals.
 */
public final class ReportCsv {

  /** The {@link Totals} metrics as column names, in {@link Totals#asMap()} order. */
  static final List<String> METRICS = Totals.ZERO.asMap().keySet().stream().map(ReportCsv::snake).toList();

  private ReportCsv() {
  }

  /** File name to content, in a fixed order. */
  public static Map<String, String> tables(ReplayReport report) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("totals.csv", totals(report));
    files.put("daily.csv", daily(report));
    files.put("crossings.csv", crossings(report));
    files.put("breakdowns.csv", breakdowns(report));
    files.put("comparisons.csv", comparisons(report));
    return files;
  }

  /** One row per campaign; what-if columns when the report has a what-if outcome. */
  static String totals(ReplayReport report) {
    boolean whatIf = report.campaigns().stream().anyMatch(c -> c.whatIf() != null);
    List<String> header = new ArrayList<>(List.of("campaign_id", "name", "kind", "series"));
    header.addAll(METRICS);
    header.addAll(List.of("budget_fen", "granted_percent", "exhausted_hour"));
    if (whatIf) {
      header.addAll(List.of("whatif_budget_fen", "whatif_granted_percent", "whatif_exhausted_hour"));
      METRICS.forEach(m -> header.add("whatif_" + m));
      METRICS.forEach(m -> header.add("delta_" + m));
    }
    Csv csv = new Csv(header);
    for (CampaignReport c : report.campaigns()) {
      List<Object> row = new ArrayList<>(Arrays.asList(c.campaignId(), c.name(), c.kind(), c.series()));
      row.addAll(c.totals().asMap().values());
      row.addAll(Arrays.asList(c.budget().budgetFen(), c.budget().grantedPercent(), c.budget().exhaustedHour()));
      if (whatIf) {
        WhatIfOutcome w = c.whatIf();
        row.addAll(Arrays.asList(w.budget().budgetFen(), w.budget().grantedPercent(), w.budget().exhaustedHour()));
        row.addAll(w.totals().asMap().values());
        row.addAll(w.delta().asMap().values());
      }
      csv.row(row);
    }
    return csv.toString();
  }

  /** The daily series; with a changed subsidy rule also the scenario's, as case what-if. */
  static String daily(ReplayReport report) {
    Csv csv = new Csv(header("campaign_id", "case", "day"));
    for (CampaignReport c : report.campaigns()) {
      c.daily().forEach(b -> csv.row(metrics(List.of(c.campaignId(), "baseline", b.key()), Totals.of(b))));
      if (c.whatIf() != null && c.whatIf().daily() != null) {
        c.whatIf().daily().forEach(b -> csv.row(metrics(List.of(c.campaignId(), "what-if", b.key()),
            Totals.of(b))));
      }
    }
    return csv.toString();
  }

  static String crossings(ReplayReport report) {
    Csv csv = new Csv(List.of("campaign_id", "case", "threshold_percent", "hour", "cumulative_subsidy_fen"));
    for (CampaignReport c : report.campaigns()) {
      crossings(csv, c.campaignId(), "baseline", c.budget());
      if (c.whatIf() != null) {
        crossings(csv, c.campaignId(), "what-if", c.whatIf().budget());
      }
    }
    return csv.toString();
  }

  private static void crossings(Csv csv, String id, String kase, BudgetOutcome o) {
    for (ThresholdCrossing x : o.crossings()) {
      csv.row(List.of(id, kase, x.thresholdPercent(), x.hour(), x.cumulativeSubsidyFen()));
    }
  }

  /** Categories and streets as reported (largest consumption first); fairs by id, their sales as consumption. */
  static String breakdowns(ReplayReport report) {
    Csv csv = new Csv(header("campaign_id", "dimension", "key"));
    for (CampaignReport c : report.campaigns()) {
      for (Bucket b : c.categories()) {
        csv.row(metrics(List.of(c.campaignId(), "category", b.key()), Totals.of(b)));
      }
      for (Bucket b : c.streets()) {
        csv.row(metrics(List.of(c.campaignId(), "street", b.key()), Totals.of(b)));
      }
      for (FairView f : c.fairs()) {
        Totals t = new Totals(0, 0, f.salesFen(), 0, f.sales(), f.salesFen(), 0, 0, f.visitors());
        csv.row(metrics(List.of(c.campaignId(), "fair", f.fairId()), t));
      }
    }
    return csv.toString();
  }

  /** One row per comparison and metric; growth empty where the base is 0. */
  static String comparisons(ReplayReport report) {
    Csv csv = new Csv(List.of("base_id", "other_id", "metric", "base", "other", "growth_percent"));
    for (Comparison c : report.comparisons()) {
      Map<String, Long> other = c.other().asMap();
      c.base().asMap().forEach((metric, base) -> csv.row(Arrays.asList(c.baseId(), c.otherId(), snake(metric),
          base, other.get(metric), c.growthPercent().get(metric))));
    }
    return csv.toString();
  }

  private static List<String> header(String... first) {
    List<String> h = new ArrayList<>(List.of(first));
    h.addAll(METRICS);
    return h;
  }

  private static List<Object> metrics(List<Object> first, Totals t) {
    List<Object> row = new ArrayList<>(first);
    row.addAll(t.asMap().values());
    return row;
  }

  /** consumptionFen -> consumption_fen. */
  static String snake(String camel) {
    StringBuilder s = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        s.append('_').append(Character.toLowerCase(ch));
      } else {
        s.append(ch);
      }
    }
    return s.toString();
  }
}
