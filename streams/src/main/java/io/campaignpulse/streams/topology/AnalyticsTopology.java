package io.campaignpulse.streams.topology;

import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.aggregate.AggregateApplier;
import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.aggregate.AggregateDeltaSerde;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.alerts.SubsidyChange;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.changes.ChangeOutput;
import io.campaignpulse.streams.changes.FairSaleChangeProcessor;
import io.campaignpulse.streams.changes.FairVisitChangeProcessor;
import io.campaignpulse.streams.changes.OrderChangeProcessor;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.totals.CampaignCountsSerde;
import io.campaignpulse.streams.totals.OrderStateSerde;
import java.util.Arrays;
import java.util.Map;
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
 * event into deltas of the cells it counts in, summed in a buffer store and expanded into aggregates every emit
 * interval. Events too late for their hour and day are copied to {@code late-events}.
 *
 * <p>Per campaign, the deltas of the three inputs meet after one repartition by campaignId each, and
 * {@link AggregateApplier} adds them into the queryable stores of every {@link Family}; campaign totals are
 * published to {@code campaign-totals}. One record per aggregate and interval crosses the repartition topics
 * instead of one per event.
 */
public final class AnalyticsTopology {

  /** Names of the repartition topics (suffixes) that carry the deltas of each input, keyed by campaignId. */
  public static final String ORDER_DELTAS = "order-deltas";
  public static final String FAIR_SALE_DELTAS = "fair-sale-deltas";
  public static final String FAIR_VISIT_DELTAS = "fair-visit-deltas";

  private AnalyticsTopology() {
  }

  /**
   * Adds the analytics to the builder and returns the orders' per-order subsidy changes, keyed by campaignId, for
   * the budget stage.
   */
  public static KStream<String, SubsidyChange> addTo(StreamsBuilder builder, InputStreams inputs, Topics topics,
      AnalyticsSettings settings, PipelineMetrics metrics) {
    // The per-entity stores see mostly new keys: a record cache would only churn (and evict the buffers' sums),
    // so they write through to RocksDB and their changelogs.
    builder.addStateStore(store(StoreNames.ORDERS_LATEST, new OrderStateSerde(), settings).withCachingDisabled());
    builder.addStateStore(store(StoreNames.FAIR_SALES_SEEN, Serdes.Long(), settings).withCachingDisabled());
    builder.addStateStore(store(StoreNames.FAIR_VISIT_SLOTS, Serdes.Long(), settings).withCachingDisabled());
    for (String buffer : new String[] {StoreNames.ORDER_DELTA_BUFFER, StoreNames.FAIR_SALE_DELTA_BUFFER,
        StoreNames.FAIR_VISIT_DELTA_BUFFER}) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(buffer), Serdes.String(),
          new CampaignCountsSerde()).withCachingEnabled());
    }
    for (Family family : Family.values()) {
      builder.addStateStore(store(family.storeName(), new CampaignCountsSerde(), settings));
    }

    String ordersTopic = topics.orders().name();
    String salesTopic = topics.fairSales().name();
    String visitsTopic = topics.fairVisits().name();
    Map<String, KStream<String, ChangeOutput>> orders = stageOne(inputs.orders(), "orders",
        () -> new OrderChangeProcessor(ordersTopic, settings, metrics), topics,
        StoreNames.ORDERS_LATEST, StoreNames.ORDER_DELTA_BUFFER);
    KStream<String, AggregateDelta> orderDeltas = deltas(orders, "orders", ORDER_DELTAS);
    KStream<String, AggregateDelta> saleDeltas = deltas(stageOne(inputs.fairSales(), "fair-sales",
        () -> new FairSaleChangeProcessor(salesTopic, settings, metrics), topics,
        StoreNames.FAIR_SALES_SEEN, StoreNames.FAIR_SALE_DELTA_BUFFER), "fair-sales", FAIR_SALE_DELTAS);
    KStream<String, AggregateDelta> visitDeltas = deltas(stageOne(inputs.fairVisits(), "fair-visits",
        () -> new FairVisitChangeProcessor(visitsTopic, settings, metrics), topics,
        StoreNames.FAIR_VISIT_SLOTS, StoreNames.FAIR_VISIT_DELTA_BUFFER), "fair-visits", FAIR_VISIT_DELTAS);

    String[] aggregateStores = Arrays.stream(Family.values()).map(Family::storeName).toArray(String[]::new);
    orderDeltas
        .merge(saleDeltas, Named.as("merge-fair-sale-deltas"))
        .merge(visitDeltas, Named.as("merge-fair-visit-deltas"))
        .process(AggregateApplier::new, Named.as("aggregates-apply"), aggregateStores)
        .process(TotalsPublisher::new, Named.as("campaign-totals-to-avro"), StoreNames.BUDGET_LEDGERS)
        .to(topics.campaignTotals().name(), Produced.with(topics.campaignTotals().keySerde(),
            topics.campaignTotals().valueSerde()).withName("campaign-totals-sink"));
    return orders.get("orders-changes-subsidy")
        .mapValues(out -> ((ChangeOutput.Subsidy) out).change(), Named.as("orders-subsidy-changes"));
  }

  /**
   * Runs one input through its stage-one processor and splits what it emits: late copies go to the late-events
   * topic; deltas and (orders only) subsidy changes are returned as the branches {@code <name>-changes-deltas}
   * and {@code <name>-changes-subsidy}.
   */
  private static <T> Map<String, KStream<String, ChangeOutput>> stageOne(KStream<String, Decoded<T>> input,
      String name, ProcessorSupplier<String, Decoded<T>, String, ChangeOutput> processor, Topics topics,
      String... stores) {
    var branches = input
        .process(processor, Named.as(name + "-changes"), stores)
        .split(Named.as(name + "-changes-"))
        .branch((key, out) -> out instanceof ChangeOutput.Late, Branched.as("late"))
        .branch((key, out) -> out instanceof ChangeOutput.Subsidy, Branched.as("subsidy"))
        .defaultBranch(Branched.as("deltas"));
    branches.get(name + "-changes-late")
        .mapValues(out -> ((ChangeOutput.Late) out).rawValue(), Named.as(name + "-late-bytes"))
        .to(topics.lateEvents().name(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-late-events-sink"));
    return branches;
  }

  /** The delta branch of a stage one, through its own repartition topic keyed by campaignId. */
  private static KStream<String, AggregateDelta> deltas(Map<String, KStream<String, ChangeOutput>> branches,
      String name, String repartitionName) {
    return branches.get(name + "-changes-deltas")
        .mapValues(out -> ((ChangeOutput.Delta) out).delta(), Named.as(name + "-delta-values"))
        .repartition(Repartitioned.with(Serdes.String(), new AggregateDeltaSerde()).withName(repartitionName));
  }

  /** A cached, changelogged key-value store: RocksDB, or in memory when the settings ask for it. */
  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values,
      AnalyticsSettings settings) {
    return Stores.keyValueStoreBuilder(settings.inMemoryStores() ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
  }


}
