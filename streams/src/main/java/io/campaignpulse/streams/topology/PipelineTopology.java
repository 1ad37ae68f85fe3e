package io.campaignpulse.streams.topology;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.changes.CampaignBatch;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.decode.RegistryWait;
import io.campaignpulse.streams.scope.InputScope;
import java.time.Clock;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole live pipeline as one function of its topics and settings: inputs decoded once, campaign definitions
 * kept in a queryable table, the campaign analytics and the budget alerts. The live app, replays and tests all build it here.
 */
public final class PipelineTopology {

  private PipelineTopology() {
  }

  public static Topology build(Topics topics, PipelineMetrics metrics) {
    return build(topics, AnalyticsSettings.defaults(), metrics);
  }

  public static Topology build(Topics topics, AnalyticsSettings settings, PipelineMetrics metrics) {
    return build(topics, settings, AlertSettings.defaults(), Clock.systemUTC(), metrics);
  }

  /** The pipeline; {@code clock} stamps the emit time of budget alerts. */
  public static Topology build(Topics topics, AnalyticsSettings settings, AlertSettings alerts, Clock clock,
      PipelineMetrics metrics) {
    return build(topics, settings, alerts, clock, metrics, null);
  }

  /**
   * The pipeline over the part of the inputs {@code scope} selects (a replay), or over all of them when it is null
   * (the live pipeline): the same processors either way, only the inputs are bounded and filtered.
   */
  public static Topology build(Topics topics, AnalyticsSettings settings, AlertSettings alerts, Clock clock,
      PipelineMetrics metrics, InputScope scope) {
    return build(topics, settings, alerts, clock, metrics, scope, RegistryWait.standard());
  }

  /**
   * As {@link #build(Topics, AnalyticsSettings, AlertSettings, Clock, PipelineMetrics, InputScope)}, decoding with
   * {@code registryWait} (the app cancels it when it closes).
   */
  public static Topology build(Topics topics, AnalyticsSettings settings, AlertSettings alerts, Clock clock,
      PipelineMetrics metrics, InputScope scope, RegistryWait registryWait) {
    StreamsBuilder builder = new PipelineStreamsBuilder();
    InputStreams inputs = new InputStreams(builder, topics, metrics, scope, registryWait);
    inputs.campaigns()
        .mapValues(Decoded::value, Named.as("campaigns-values"))
        .toTable(Named.as("campaigns-table"), campaignsStore(settings)
            .withKeySerde(topics.campaigns().keySerde()).withValueSerde(topics.campaigns().valueSerde()));
    BudgetTopology.addStores(builder, settings, alerts);
    KStream<String, CampaignBatch> batches = AnalyticsTopology.addStageOne(builder, inputs, topics, settings,
        metrics, scope);
    // the budget stage first: the totals published for a batch then carry the forecast it updated
    BudgetTopology.addTo(batches, inputs.campaigns(), topics, alerts, clock);
    AnalyticsTopology.addAggregates(builder, batches, topics, settings);
    return builder.build();
  }

  private static Materialized<String, Campaign, KeyValueStore<Bytes, byte[]>> campaignsStore(
      AnalyticsSettings settings) {
    return settings.inMemoryStores()
        ? Materialized.<String, Campaign>as(Stores.inMemoryKeyValueStore(StoreNames.CAMPAIGNS)).withLoggingDisabled()
        : Materialized.as(StoreNames.CAMPAIGNS);
  }
}
