package io.campaignpulse.streams.topology;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.CampaignCountsSerde;
import io.campaignpulse.streams.totals.FairSaleDedupProcessor;
import io.campaignpulse.streams.totals.FairVisitReportProcessor;
import io.campaignpulse.streams.totals.LatestOrderVersionProcessor;
import io.campaignpulse.streams.totals.OrderStateSerde;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Live totals per campaign under the counting rules. Orders are reduced to their highest version per
 * orderId, and each new version becomes a delta (its contribution minus the previous version's), so a
 * cancellation or refund subtracts exactly what the order had added; fair sales count once per saleId and gate
 * reports once per slot. The deltas, keyed by campaignId, go through one repartition topic and are summed in
 * the queryable {@link StoreNames#CAMPAIGN_TOTALS} store, whose changes are published to {@code campaign-totals}.
 */
public final class CampaignTotalsTopology {

  /** Name of the repartition topic (suffix) that carries deltas keyed by campaignId. */
  public static final String CAMPAIGN_DELTAS = "campaign-deltas";

  private CampaignTotalsTopology() {
  }

  public static void addTo(StreamsBuilder builder, InputStreams inputs, Topics topics, PipelineMetrics metrics) {
    CampaignCountsSerde countsSerde = new CampaignCountsSerde();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.ORDERS_LATEST), Serdes.String(), new OrderStateSerde()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.FAIR_SALES_SEEN), Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.FAIR_VISIT_REPORTS), Serdes.String(), Serdes.Long()));

    KStream<String, CampaignCounts> orderDeltas = inputs.orders()
        .process(() -> new LatestOrderVersionProcessor(metrics), Named.as("orders-latest-version"),
            StoreNames.ORDERS_LATEST);
    KStream<String, CampaignCounts> saleDeltas = inputs.fairSales()
        .process(() -> new FairSaleDedupProcessor(metrics), Named.as("fair-sales-dedup"),
            StoreNames.FAIR_SALES_SEEN);
    KStream<String, CampaignCounts> visitDeltas = inputs.fairVisits()
        .process(() -> new FairVisitReportProcessor(metrics), Named.as("fair-visits-reports"),
            StoreNames.FAIR_VISIT_REPORTS);

    orderDeltas
        .merge(saleDeltas, Named.as("merge-sale-deltas"))
        .merge(visitDeltas, Named.as("merge-visit-deltas"))
        // One hop by campaignId: every delta of a campaign meets its running total on one partition.
        .repartition(Repartitioned.with(Serdes.String(), countsSerde).withName(CAMPAIGN_DELTAS))
        .groupByKey(Grouped.with("campaign-deltas-grouped", Serdes.String(), countsSerde))
        .aggregate(() -> CampaignCounts.ZERO, (campaignId, delta, total) -> total.plus(delta),
            Named.as("campaign-totals-aggregate"),
            Materialized.<String, CampaignCounts, KeyValueStore<Bytes, byte[]>>as(StoreNames.CAMPAIGN_TOTALS)
                .withKeySerde(Serdes.String()).withValueSerde(countsSerde))
        .toStream(Named.as("campaign-totals-changes"))
        .mapValues(CampaignTotalsTopology::toAvro, Named.as("campaign-totals-to-avro"))
        .to(topics.campaignTotals().name(), Produced.with(topics.campaignTotals().keySerde(),
            topics.campaignTotals().valueSerde()).withName("campaign-totals-sink"));
  }

  /** The published form of a campaign's counts. */
  public static CampaignTotals toAvro(String campaignId, CampaignCounts c) {
    return CampaignTotals.newBuilder()
        .setCampaignId(campaignId)
        .setOrders(c.orders())
        .setPendingOrders(c.pendingOrders())
        .setConsumptionFen(c.consumptionFen())
        .setOrderConsumptionFen(c.orderConsumptionFen())
        .setFairSalesFen(c.fairSalesFen())
        .setFairSales(c.fairSales())
        .setSubsidyFen(c.subsidyFen())
        .setPendingSubsidyFen(c.pendingSubsidyFen())
        .setVisitors(c.visitors())
        .setLastEventTime(c.lastEventTime() == CampaignCounts.NO_TIME ? null : Instant.ofEpochMilli(c.lastEventTime()))
        .build();
  }
}
