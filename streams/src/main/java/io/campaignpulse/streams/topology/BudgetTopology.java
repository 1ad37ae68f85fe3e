package io.campaignpulse.streams.topology;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.serde.AvroBinarySerde;
import io.campaignpulse.streams.alerts.BudgetAlertProcessor;
import io.campaignpulse.streams.alerts.BudgetInput;
import io.campaignpulse.streams.alerts.BudgetLedgerSerde;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.changes.CampaignBatch;
import io.campaignpulse.streams.decode.Decoded;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The budget stage: the per-order subsidy changes of the campaign batches (already keyed and partitioned by
 * campaignId) meet the campaign definitions (the campaigns topic, keyed by campaignId, so both must have the same
 * number of partitions: the app checks it at start) in one processor that keeps each campaign's ledger and writes alerts to budget-alerts. The per-campaign
 * totals publisher reads the same ledgers, so the budget stage and the aggregates share one sub-topology.
 */
public final class BudgetTopology {

  private BudgetTopology() {
  }

  /**
   * Registers the ledger and alert stores; before the analytics, whose totals publisher reads the ledgers for the
   * budget and forecast it adds to each campaign's totals.
   */
  public static void addStores(StreamsBuilder builder, AnalyticsSettings analytics, AlertSettings settings) {
    builder.addStateStore(AnalyticsTopology.throwaway(Stores.keyValueStoreBuilder(analytics.inMemoryStores()
            ? Stores.inMemoryKeyValueStore(StoreNames.BUDGET_LEDGERS)
            : Stores.persistentKeyValueStore(StoreNames.BUDGET_LEDGERS), Serdes.String(),
        new BudgetLedgerSerde(settings)).withCachingEnabled(), analytics));
    builder.addStateStore(AnalyticsTopology.throwaway(Stores.keyValueStoreBuilder(analytics.inMemoryStores()
            ? Stores.inMemoryKeyValueStore(StoreNames.BUDGET_ALERTS)
            : Stores.persistentKeyValueStore(StoreNames.BUDGET_ALERTS), Serdes.String(),
        new AvroBinarySerde<>(BudgetAlert.class)).withCachingDisabled(), analytics));
  }

  /** The budget stage itself; {@link #addStores} must have run. */
  public static void addTo(KStream<String, CampaignBatch> batches, KStream<String, Decoded<Campaign>> campaigns,
      Topics topics, AlertSettings settings, Clock clock) {
    KStream<String, BudgetInput> byCampaign = batches
        .filter((campaignId, batch) -> batch.hasSubsidyChanges(), Named.as("batches-with-subsidy-changes"))
        .mapValues(b -> (BudgetInput) new BudgetInput.Changes(b.subsidyChanges()), Named.as("subsidy-change-inputs"));
    KStream<String, BudgetInput> definitions = campaigns
        .mapValues(d -> (BudgetInput) new BudgetInput.Definition(d.value()), Named.as("campaign-budget-inputs"));
    byCampaign
        .merge(definitions, Named.as("merge-budget-inputs"))
        .process(() -> new BudgetAlertProcessor(settings, clock), Named.as("budget-alerts-decide"),
            StoreNames.BUDGET_LEDGERS, StoreNames.BUDGET_ALERTS)
        .to(topics.budgetAlerts().name(), Produced.with(topics.budgetAlerts().keySerde(),
            topics.budgetAlerts().valueSerde()).withName("budget-alerts-sink"));
  }
}
