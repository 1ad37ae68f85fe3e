package io.campaignpulse.streams.topology;

import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.aggregate.AggregateApplier;
import io.campaignpulse.streams.aggregate.CountsStore;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.changes.CampaignBatch;
import io.campaignpulse.streams.changes.CampaignBatchSerde;
import io.campaignpulse.streams.changes.ChangeOutput;
import io.campaignpulse.streams.changes.FairSaleChangeProcessor;
import io.campaignpulse.streams.changes.FairVisitChangeProcessor;
import io.campaignpulse.streams.changes.OrderChangeProcessor;
import io.campaignpulse.streams.changes.PendingChangesStore;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.scope.InputScope;
import io.campaignpulse.streams.store.OrdersLatestStore;
import io.campaignpulse.streams.totals.OrderStateSerde;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The campaign analytics, in two stages.
 *
 * <p>Per input partition, each input has its own stage-one processor (own sub-topology, so a busy orders partition
 * never waits for an empty fair topic): it deduplicates, keeps what each order last counted, and turns every
 * event into deltas of the cells it counts in (and, for orders, a per-order subsidy change), kept in memory in its
 * pending-changes store and emitted every emit interval as one {@link CampaignBatch} per campaign. Events too late
 * for their hour and day are copied to {@code late-events}.
 *
 * <p>Per campaign, the batches of the three inputs meet after one repartition by campaignId each: the budget stage
 * applies their subsidy changes, and {@link AggregateApplier} adds their deltas into the queryable stores of every
 * {@link Family}; campaign totals are published to {@code campaign-totals}. One record per campaign, partition and
 * interval crosses the repartition topics instead of one per event or per aggregate.
 */
public final class AnalyticsTopology {

  /** Names of the repartition topics (suffixes) that carry the batches of each input, keyed by campaignId. */
  public static final String ORDER_CHANGES = "order-changes";
  public static final String FAIR_SALE_CHANGES = "fair-sale-changes";
  public static final String FAIR_VISIT_CHANGES = "fair-visit-changes";

  private AnalyticsTopology() {
  }

  /**
   * Adds stage one of every input and returns their campaign batches, merged, keyed by campaignId; the budget stage
   * and then {@link #addAggregates} consume them.
   */
  public static KStream<String, CampaignBatch> addStageOne(StreamsBuilder builder, InputStreams inputs,
      Topics topics, AnalyticsSettings settings, PipelineMetrics metrics) {
    return addStageOne(builder, inputs, topics, settings, metrics, null);
  }

  /**
   * As {@link #addStageOne(StreamsBuilder, InputStreams, Topics, AnalyticsSettings, PipelineMetrics)}; with a
   * replay's scope, only the batches of its campaigns go on (every event still passes the stage, so an order that
   * moved between campaigns leaves each of them as it does live).
   */
  public static KStream<String, CampaignBatch> addStageOne(StreamsBuilder builder, InputStreams inputs,
      Topics topics, AnalyticsSettings settings, PipelineMetrics metrics, InputScope scope) {
    // The per-entity stores see mostly new keys: a record cache would only churn, so they write through to RocksDB
    // and their changelogs.
    String ordersTopic = topics.orders().name();
    if (settings.ordersFromInput() && !settings.inMemoryStores() && scope == null
        && builder instanceof PipelineStreamsBuilder pipeline) {
      // the orders topic is this store's changelog (the one record per new order version it writes otherwise is
      // the largest cost of a live event)
      builder.addStateStore(Stores.keyValueStoreBuilder(OrdersLatestStore.supplier(StoreNames.ORDERS_LATEST,
              ordersTopic, topics.orders().valueSerde().deserializer(), settings.grace()), Serdes.String(),
          new OrderStateSerde()).withCachingDisabled().withLoggingDisabled());
      pipeline.restoreFromSource(StoreNames.ORDERS_LATEST, ordersTopic);
    } else {
      builder.addStateStore(store(StoreNames.ORDERS_LATEST, new OrderStateSerde(), settings).withCachingDisabled());
    }
    builder.addStateStore(store(StoreNames.FAIR_SALES_SEEN, Serdes.Long(), settings).withCachingDisabled());
    builder.addStateStore(store(StoreNames.FAIR_VISIT_SLOTS, Serdes.Long(), settings).withCachingDisabled());
    for (String pending : new String[] {StoreNames.ORDER_PENDING, StoreNames.FAIR_SALE_PENDING,
        StoreNames.FAIR_VISIT_PENDING}) {
      builder.addStateStore(throwaway(PendingChangesStore.builder(pending), settings));
    }
    String salesTopic = topics.fairSales().name();
    String visitsTopic = topics.fairVisits().name();
    KStream<String, CampaignBatch> orders = stageOne(inputs.orders(), "orders",
        () -> new OrderChangeProcessor(ordersTopic, settings, metrics), topics, ORDER_CHANGES, scope,
        StoreNames.ORDERS_LATEST, StoreNames.ORDER_PENDING);
    KStream<String, CampaignBatch> sales = stageOne(inputs.fairSales(), "fair-sales",
        () -> new FairSaleChangeProcessor(salesTopic, settings, metrics), topics, FAIR_SALE_CHANGES, scope,
        StoreNames.FAIR_SALES_SEEN, StoreNames.FAIR_SALE_PENDING);
    KStream<String, CampaignBatch> visits = stageOne(inputs.fairVisits(), "fair-visits",
        () -> new FairVisitChangeProcessor(visitsTopic, settings, metrics), topics, FAIR_VISIT_CHANGES, scope,
        StoreNames.FAIR_VISIT_SLOTS, StoreNames.FAIR_VISIT_PENDING);
    return orders
        .merge(sales, Named.as("merge-fair-sale-changes"))
        .merge(visits, Named.as("merge-fair-visit-changes"));
  }

  /** Adds the aggregates of every family from the batches, and publishes campaign totals. */
  public static void addAggregates(StreamsBuilder builder, KStream<String, CampaignBatch> batches, Topics topics,
      AnalyticsSettings settings) {
    for (Family family : Family.values()) {
      builder.addStateStore(throwaway(CountsStore.builder(family.storeName(), settings.inMemoryStores()), settings));
    }
    String[] aggregateStores = Arrays.stream(Family.values()).map(Family::storeName).toArray(String[]::new);
    batches
        .process(AggregateApplier::new, Named.as("aggregates-apply"), aggregateStores)
        .process(TotalsPublisher::new, Named.as("campaign-totals-to-avro"), StoreNames.BUDGET_LEDGERS)
        .to(topics.campaignTotals().name(), Produced.with(topics.campaignTotals().keySerde(),
            topics.campaignTotals().valueSerde()).withName("campaign-totals-sink"));
  }

  /**
   * Runs one input through its stage-one processor: late copies go to the late-events topic, campaign batches
   * through the input's own repartition topic keyed by campaignId.
   */
  private static <T> KStream<String, CampaignBatch> stageOne(KStream<String, Decoded<T>> input, String name,
      ProcessorSupplier<String, Decoded<T>, String, ChangeOutput> processor, Topics topics, String repartitionName,
      InputScope scope, String... stores) {
    var branches = input
        .process(processor, Named.as(name + "-changes"), stores)
        .split(Named.as(name + "-changes-"))
        .branch((key, out) -> out instanceof ChangeOutput.Late, Branched.as("late"))
        .defaultBranch(Branched.as("batches"));
    branches.get(name + "-changes-late")
        .mapValues(out -> ((ChangeOutput.Late) out).rawValue(), Named.as(name + "-late-bytes"))
        .to(topics.lateEvents().name(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-late-events-sink"));
    KStream<String, CampaignBatch> batches = branches.get(name + "-changes-batches")
        .mapValues(out -> ((ChangeOutput.Batch) out).batch(), Named.as(name + "-batch-values"));
    if (scope != null) {
      batches = batches.filter((campaignId, batch) -> scope.includesCampaign(campaignId),
          Named.as(name + "-batches-in-scope"));
    }
    return batches
        .repartition(Repartitioned.with(Serdes.String(), new CampaignBatchSerde()).withName(repartitionName));
  }

  /** A cached, changelogged key-value store: RocksDB, or in memory without a changelog when throwaway. */
  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values,
      AnalyticsSettings settings) {
    return throwaway(Stores.keyValueStoreBuilder(settings.inMemoryStores() ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingEnabled(), settings);
  }

  /** Without a changelog when the settings ask for throwaway in-memory stores (replays, tests). */
  static <S extends org.apache.kafka.streams.processor.StateStore> StoreBuilder<S> throwaway(StoreBuilder<S> store,
      AnalyticsSettings settings) {
    return settings.inMemoryStores() ? store.withLoggingDisabled() : store;
  }


}
