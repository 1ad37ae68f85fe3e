package io.campaignpulse.streams.query;

import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.aggregate.TimeBuckets;
import io.campaignpulse.streams.alerts.BudgetAlertProcessor;
import io.campaignpulse.streams.alerts.BudgetLedger;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of the aggregate stores of this instance. A campaign's entries of every family live on the
 * partition of its campaignId, as one key prefix; series are ranges of that prefix because period labels sort in
 * time order. Throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the stores are not
 * queryable (starting, rebalancing), which the API turns into 503. {@link #partition} narrows the queries to one
 * store partition, optionally a standby copy of it, for the API's routing between instances.
 */
public final class CampaignQueries implements AnalyticsQueries {

  private static final Comparator<Bucket> LARGEST_CONSUMPTION_FIRST =
      Comparator.comparingLong(Bucket::consumptionFen).reversed().thenComparing(Bucket::key);

  private final KafkaStreams streams;
  private final ZoneId zone;
  private final Integer partition;
  private final boolean stale;

  /** Queries of every store partition this instance runs as active. */
  public CampaignQueries(KafkaStreams streams, ZoneId zone) {
    this(streams, zone, null, false);
  }

  private CampaignQueries(KafkaStreams streams, ZoneId zone, Integer partition, boolean stale) {
    this.streams = streams;
    this.zone = zone;
    this.partition = partition;
    this.stale = stale;
  }

  /**
   * Queries of one store partition of this instance: its active copy, or with {@code stale} also a standby copy
   * (which may lag the active one). Throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException} when
   * this instance holds no queryable copy of it.
   */
  public CampaignQueries partition(int storePartition, boolean includeStandby) {
    return new CampaignQueries(streams, zone, storePartition, includeStandby);
  }

  @Override
  public List<CampaignView> all() {
    ReadOnlyKeyValueStore<String, CampaignCounts> totals = store(Family.CAMPAIGN_TOTAL.storeName());
    ReadOnlyKeyValueStore<String, Campaign> campaigns = store(StoreNames.CAMPAIGNS);
    TreeMap<String, CampaignView> views = new TreeMap<>();
    try (KeyValueIterator<String, CampaignCounts> it = totals.all()) {
      while (it.hasNext()) {
        KeyValue<String, CampaignCounts> kv = it.next();
        views.put(kv.key, CampaignView.of(kv.key, campaigns.get(kv.key), kv.value));
      }
    }
    try (KeyValueIterator<String, Campaign> it = campaigns.all()) {
      while (it.hasNext()) {
        KeyValue<String, Campaign> kv = it.next();
        views.computeIfAbsent(kv.key, id -> CampaignView.of(id, kv.value, null));
      }
    }
    ReadOnlyKeyValueStore<String, BudgetLedger> ledgers = store(StoreNames.BUDGET_LEDGERS);
    List<CampaignView> result = new ArrayList<>(views.size());
    views.values().forEach(v -> result.add(withBudget(v, ledgers)));
    return result;
  }

  @Override
  public Optional<CampaignView> get(String campaignId) {
    CampaignCounts counts = this.<CampaignCounts>store(Family.CAMPAIGN_TOTAL.storeName()).get(campaignId);
    Campaign campaign = this.<Campaign>store(StoreNames.CAMPAIGNS).get(campaignId);
    if (counts == null && campaign == null) {
      return Optional.empty();
    }
    return Optional.of(withBudget(CampaignView.of(campaignId, campaign, counts), store(StoreNames.BUDGET_LEDGERS)));
  }

  @Override
  public Optional<AsOfView> asOf(String campaignId, Instant asOf) {
    Campaign campaign = this.<Campaign>store(StoreNames.CAMPAIGNS).get(campaignId);
    if (campaign == null && this.<CampaignCounts>store(Family.CAMPAIGN_TOTAL.storeName()).get(campaignId) == null) {
      return Optional.empty();
    }
    return Optional.of(AsOfQuery.answer(campaignId, asOf, zone, store(Family.CAMPAIGN_HOURLY_NET.storeName()),
        campaign, this.<BudgetLedger>store(StoreNames.BUDGET_LEDGERS).get(campaignId)));
  }

  private static CampaignView withBudget(CampaignView view, ReadOnlyKeyValueStore<String, BudgetLedger> ledgers) {
    BudgetLedger ledger = ledgers.get(view.campaignId());
    return ledger == null ? view : view.withBudget(BudgetView.of(ledger));
  }

  @Override
  public List<AlertView> alerts(String campaignId) {
    List<AlertView> result = new ArrayList<>();
    try (KeyValueIterator<String, BudgetAlert> it = this.<BudgetAlert>store(StoreNames.BUDGET_ALERTS)
        .prefixScan(BudgetAlertProcessor.campaignPrefix(campaignId), new StringSerializer())) {
      it.forEachRemaining(kv -> result.add(AlertView.of(kv.value)));
    }
    return result;
  }

  @Override
  public List<AlertView> recentAlerts(int limit) {
    // a bounded heap whose head is the oldest kept alert
    PriorityQueue<AlertView> newest = new PriorityQueue<>(AlertView.NEWEST_FIRST.reversed());
    try (KeyValueIterator<String, BudgetAlert> it = this.<BudgetAlert>store(StoreNames.BUDGET_ALERTS).all()) {
      while (it.hasNext()) {
        newest.add(AlertView.of(it.next().value));
        if (newest.size() > limit) {
          newest.poll();
        }
      }
    }
    List<AlertView> result = new ArrayList<>(newest);
    result.sort(AlertView.NEWEST_FIRST);
    return result;
  }

  @Override
  public List<Bucket> daily(String campaignId, LocalDate from, LocalDate to) {
    return range(Family.CAMPAIGN_DAILY, campaignId, TimeBuckets.DAY.format(from), TimeBuckets.DAY.format(to));
  }

  @Override
  public List<Bucket> hourly(String campaignId, LocalDateTime from, LocalDateTime to) {
    return range(Family.CAMPAIGN_HOURLY, campaignId, TimeBuckets.HOUR.format(from), TimeBuckets.HOUR.format(to));
  }

  @Override
  public List<Bucket> categories(String campaignId) {
    return sorted(prefix(Family.CATEGORY, AggregateKey.campaignPrefix(campaignId)));
  }

  @Override
  public List<Bucket> streets(String campaignId) {
    return sorted(prefix(Family.STREET, AggregateKey.campaignPrefix(campaignId)));
  }

  @Override
  public List<Bucket> topMerchants(String campaignId, int limit) {
    List<Bucket> all = sorted(prefix(Family.MERCHANT, AggregateKey.campaignPrefix(campaignId)));
    return all.subList(0, Math.min(limit, all.size()));
  }

  @Override
  public List<FairView> fairs(String campaignId) {
    return prefix(Family.FAIR_TOTAL, AggregateKey.campaignPrefix(campaignId)).stream().map(FairView::of).toList();
  }

  @Override
  public List<Bucket> fairDaily(String campaignId, String fairId) {
    return prefix(Family.FAIR_DAILY, AggregateKey.campaignPrefix(campaignId) + fairId + AggregateKey.SEP);
  }

  @Override
  public List<Bucket> fairHourly(String campaignId, String fairId) {
    return prefix(Family.FAIR_HOURLY, AggregateKey.campaignPrefix(campaignId) + fairId + AggregateKey.SEP);
  }

  /** The series of every defined campaign that belongs to one, by campaignId. */
  public Map<String, String> seriesByCampaign() {
    Map<String, String> result = new java.util.TreeMap<>();
    try (KeyValueIterator<String, Campaign> it = this.<Campaign>store(StoreNames.CAMPAIGNS).all()) {
      it.forEachRemaining(kv -> {
        if (kv.value.getSeries() != null) {
          result.put(kv.key, kv.value.getSeries());
        }
      });
    }
    return result;
  }

  @Override
  public List<SeriesYear> series(String series) {
    ReadOnlyKeyValueStore<String, CampaignCounts> totals = store(Family.CAMPAIGN_TOTAL.storeName());
    List<SeriesYear> parts = new ArrayList<>();
    try (KeyValueIterator<String, Campaign> it = this.<Campaign>store(StoreNames.CAMPAIGNS).all()) {
      while (it.hasNext()) {
        Campaign c = it.next().value;
        if (series.equals(c.getSeries())) {
          CampaignCounts sum = totals.get(c.getCampaignId());
          CampaignCounts n = sum == null ? CampaignCounts.ZERO : sum;
          parts.add(new SeriesYear(c.getStartTime().atZone(zone).getYear(), List.of(c.getCampaignId()),
              n.visitors(), n.consumptionFen(), n.fairSalesFen(), n.orders(), n.subsidyFen(), null, null));
        }
      }
    }
    return SeriesYears.combine(parts);
  }

  private List<Bucket> range(Family family, String campaignId, String fromLabel, String toLabel) {
    String prefix = AggregateKey.campaignPrefix(campaignId);
    List<Bucket> result = new ArrayList<>();
    try (KeyValueIterator<String, CampaignCounts> it = this.<CampaignCounts>store(family.storeName())
        .range(prefix + fromLabel, prefix + toLabel)) {
      it.forEachRemaining(kv -> result.add(Bucket.of(kv.key.substring(prefix.length()), kv.value)));
    }
    return result;
  }

  private List<Bucket> prefix(Family family, String prefix) {
    List<Bucket> result = new ArrayList<>();
    try (KeyValueIterator<String, CampaignCounts> it = this.<CampaignCounts>store(family.storeName())
        .prefixScan(prefix, new StringSerializer())) {
      it.forEachRemaining(kv -> result.add(Bucket.of(kv.key.substring(prefix.length()), kv.value)));
    }
    return result;
  }

  private static List<Bucket> sorted(List<Bucket> buckets) {
    List<Bucket> copy = new ArrayList<>(buckets);
    copy.sort(LARGEST_CONSUMPTION_FIRST);
    return copy;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
    if (partition != null) {
      params = params.withPartition(partition);
    }
    return streams.store(stale ? params.enableStaleStores() : params);
  }
}
