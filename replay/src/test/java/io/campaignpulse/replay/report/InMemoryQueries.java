package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.AlertView;
import io.campaignpulse.streams.query.AnalyticsQueries;
import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.BudgetView;
import io.campaignpulse.streams.query.CampaignView;
import io.campaignpulse.streams.query.FairView;
import io.campaignpulse.streams.query.SeriesYear;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stand-in for the queries of a replay, for unit tests: campaigns and their series set by hand. Ranges of the
 * series are taken by label, as {@code CampaignQueries} does.
 */
final class InMemoryQueries implements AnalyticsQueries {

  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");

  private final TreeMap<String, CampaignView> campaigns = new TreeMap<>();
  private final Map<String, List<Bucket>> hourly = new HashMap<>();
  private final Map<String, List<Bucket>> daily = new HashMap<>();
  private final Map<String, List<Bucket>> categories = new HashMap<>();
  private final Map<String, List<Bucket>> streets = new HashMap<>();
  private final Map<String, List<FairView>> fairs = new HashMap<>();

  /** A campaign with totals summed from its hourly series (days derived from the hours). */
  InMemoryQueries campaign(String id, String name, String kind, long budgetFen, List<Integer> thresholds,
      List<Bucket> hours) {
    long orders = 0;
    long consumption = 0;
    long subsidy = 0;
    long visitors = 0;
    long fairSales = 0;
    long fairSalesFen = 0;
    TreeMap<String, Bucket> days = new TreeMap<>();
    for (Bucket b : hours) {
      orders += b.orders();
      consumption += b.orderConsumptionFen();
      subsidy += b.subsidyFen();
      visitors += b.visitors();
      fairSales += b.fairSales();
      fairSalesFen += b.fairSalesFen();
      days.merge(b.key().substring(0, 10), new Bucket(b.key().substring(0, 10), b.orders(), b.pendingOrders(),
          b.consumptionFen(), b.orderConsumptionFen(), b.subsidyFen(), b.pendingSubsidyFen(), b.fairSales(),
          b.fairSalesFen(), b.visitors()), InMemoryQueries::plus);
    }
    BudgetView budget = new BudgetView(budgetFen, subsidy, 0, BudgetCrossings.percent(subsidy, budgetFen), 0, null,
        thresholds);
    campaigns.put(id, new CampaignView(id, name, kind, "川汇区", budgetFen, orders, 0, consumption + fairSalesFen,
        consumption, fairSalesFen, fairSales, subsidy, 0, visitors, null, budget));
    hourly.put(id, List.copyOf(hours));
    daily.put(id, List.copyOf(days.values()));
    return this;
  }

  InMemoryQueries categories(String id, Bucket... buckets) {
    categories.put(id, List.of(buckets));
    return this;
  }

  InMemoryQueries streets(String id, Bucket... buckets) {
    streets.put(id, List.of(buckets));
    return this;
  }

  InMemoryQueries fairs(String id, FairView... views) {
    fairs.put(id, List.of(views));
    return this;
  }

  private static Bucket plus(Bucket a, Bucket b) {
    return new Bucket(a.key(), a.orders() + b.orders(), a.pendingOrders() + b.pendingOrders(),
        a.consumptionFen() + b.consumptionFen(), a.orderConsumptionFen() + b.orderConsumptionFen(),
        a.subsidyFen() + b.subsidyFen(), a.pendingSubsidyFen() + b.pendingSubsidyFen(), a.fairSales() + b.fairSales(),
        a.fairSalesFen() + b.fairSalesFen(), a.visitors() + b.visitors());
  }

  @Override
  public List<CampaignView> all() {
    return List.copyOf(campaigns.values());
  }

  @Override
  public Optional<io.campaignpulse.streams.query.AsOfView> asOf(String campaignId, java.time.Instant asOf) {
    return Optional.empty(); // reports do not ask for as-of views
  }

  @Override
  public Optional<CampaignView> get(String campaignId) {
    return Optional.ofNullable(campaigns.get(campaignId));
  }

  @Override
  public List<Bucket> daily(String campaignId, LocalDate from, LocalDate to) {
    return range(daily.get(campaignId), DAY.format(from), DAY.format(to));
  }

  @Override
  public List<Bucket> hourly(String campaignId, LocalDateTime from, LocalDateTime to) {
    return range(hourly.get(campaignId), HOUR.format(from), HOUR.format(to));
  }

  private static List<Bucket> range(List<Bucket> buckets, String from, String to) {
    List<Bucket> result = new ArrayList<>();
    for (Bucket b : buckets == null ? List.<Bucket>of() : buckets) {
      if (b.key().compareTo(from) >= 0 && b.key().compareTo(to) <= 0) {
        result.add(b);
      }
    }
    return result;
  }

  @Override
  public List<Bucket> categories(String campaignId) {
    return categories.getOrDefault(campaignId, List.of());
  }

  @Override
  public List<Bucket> streets(String campaignId) {
    return streets.getOrDefault(campaignId, List.of());
  }

  @Override
  public List<Bucket> topMerchants(String campaignId, int limit) {
    return List.of();
  }

  @Override
  public List<FairView> fairs(String campaignId) {
    return fairs.getOrDefault(campaignId, List.of());
  }

  @Override
  public List<Bucket> fairDaily(String campaignId, String fairId) {
    return List.of();
  }

  @Override
  public List<Bucket> fairHourly(String campaignId, String fairId) {
    return List.of();
  }

  @Override
  public List<AlertView> alerts(String campaignId) {
    return List.of();
  }

  @Override
  public List<AlertView> recentAlerts(int limit) {
    return List.of();
  }

  @Override
  public List<SeriesYear> series(String series) {
    return List.of();
  }
}
