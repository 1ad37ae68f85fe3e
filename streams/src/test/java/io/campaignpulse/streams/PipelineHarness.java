package io.campaignpulse.streams;

import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.registry.SchemaRegistries;
import io.campaignpulse.serde.AvroWireSerde;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.alerts.BudgetAlertProcessor;
import io.campaignpulse.streams.alerts.BudgetLedger;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.topology.PipelineTopology;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The live pipeline topology under {@link TopologyTestDriver}, with typed input topics, the dead-letter and
 * totals outputs, and an in-memory schema registry of its own.
 */
public final class PipelineHarness implements AutoCloseable {

  public final String registryUrl = "mock://pipeline-" + UUID.randomUUID();
  public final Topics topics;
  public final PipelineMetrics metrics = new PipelineMetrics();
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, Campaign> campaigns;
  public final TestInputTopic<String, TradeInOrder> orders;
  public final TestInputTopic<String, FairVisit> visits;
  public final TestInputTopic<String, FairSale> sales;
  public final TestInputTopic<String, byte[]> rawOrders;
  public final TestOutputTopic<String, CampaignTotals> totalsTopic;
  public final TestOutputTopic<String, byte[]> deadLetters;
  public final TestOutputTopic<String, byte[]> lateEvents;
  public final TestOutputTopic<String, BudgetAlert> alerts;
  public final AnalyticsSettings settings;
  /** The emit time stamped on budget alerts. */
  public static final Instant ALERT_CLOCK = Instant.parse("2030-01-01T00:00:00Z");
  private final Path stateDir;

  public PipelineHarness() {
    this(AnalyticsSettings.defaults());
  }

  public PipelineHarness(AnalyticsSettings settings) {
    this(settings, AlertSettings.defaults());
  }

  public PipelineHarness(AnalyticsSettings settings, AlertSettings alertSettings) {
    this(settings, alertSettings, null);
  }

  /** The pipeline over the part of the inputs {@code scope} selects, as a replay runs it; null for all. */
  public PipelineHarness(AnalyticsSettings settings, AlertSettings alertSettings,
      io.campaignpulse.streams.scope.InputScope scope) {
    this.settings = settings;
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", registryUrl);
    this.topics = new Topics(TopicNames.defaults(), new Topics.AvroSerdeFactory() {
      @Override
      public <T extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.common.serialization.Serde<T> valueSerde(
          Class<T> type) {
        return AvroWireSerde.forType(type, serdeConfig, false);
      }
    });
    try {
      this.stateDir = Files.createTempDirectory("pipeline-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pipeline-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    this.driver = new TopologyTestDriver(PipelineTopology.build(topics, settings, alertSettings,
        Clock.fixed(ALERT_CLOCK, ZoneOffset.UTC), metrics, scope), props);
    StringSerializer keys = new StringSerializer();
    this.campaigns = driver.createInputTopic(topics.campaigns().name(), keys, topics.campaigns().valueSerde().serializer());
    this.orders = driver.createInputTopic(topics.orders().name(), keys, topics.orders().valueSerde().serializer());
    this.visits = driver.createInputTopic(topics.fairVisits().name(), keys, topics.fairVisits().valueSerde().serializer());
    this.sales = driver.createInputTopic(topics.fairSales().name(), keys, topics.fairSales().valueSerde().serializer());
    this.rawOrders = rawInput(topics.orders().name());
    this.totalsTopic = driver.createOutputTopic(topics.campaignTotals().name(), new StringDeserializer(),
        topics.campaignTotals().valueSerde().deserializer());
    this.deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new StringDeserializer(),
        Serdes.ByteArray().deserializer());
    this.lateEvents = driver.createOutputTopic(topics.lateEvents().name(), new StringDeserializer(),
        Serdes.ByteArray().deserializer());
    this.alerts = driver.createOutputTopic(topics.budgetAlerts().name(), new StringDeserializer(),
        topics.budgetAlerts().valueSerde().deserializer());
  }

  public void campaign(Campaign c, Instant recordTime) {
    campaigns.pipeInput(c.getCampaignId(), c, recordTime);
  }

  /** A campaign's alerts as the alert store keeps them, in the order they were raised. */
  public List<BudgetAlert> storedAlerts(String campaignId) {
    KeyValueStore<String, BudgetAlert> store = driver.getKeyValueStore(StoreNames.BUDGET_ALERTS);
    List<BudgetAlert> result = new ArrayList<>();
    try (var it = store.prefixScan(BudgetAlertProcessor.campaignPrefix(campaignId), new StringSerializer())) {
      it.forEachRemaining(kv -> result.add(kv.value));
    }
    return result;
  }

  /** A campaign's budget ledger, or null before anything reached it. */
  public BudgetLedger ledger(String campaignId) {
    KeyValueStore<String, BudgetLedger> store = driver.getKeyValueStore(StoreNames.BUDGET_LEDGERS);
    return store.get(campaignId);
  }

  /** Lets one emit interval pass on the wall clock: the per-partition stage emits its summed deltas. */
  public void flush() {
    driver.advanceWallClockTime(settings.emitInterval());
  }

  /** An input topic written with raw value bytes, for records the serdes would not write. */
  public TestInputTopic<String, byte[]> rawInput(String topic) {
    return driver.createInputTopic(topic, new StringSerializer(), Serdes.ByteArray().serializer());
  }

  /** Sends a test event (order, fair sale or gate report) to its input topic, keyed by its entity id. */
  public void event(Object event) {
    Events.dispatch(event, this::order, this::sale, this::visit);
  }

  public void order(TradeInOrder o) {
    orders.pipeInput(o.getOrderId(), o, o.getEventTime());
  }

  public void sale(FairSale s) {
    sales.pipeInput(s.getFairId(), s, s.getEventTime());
  }

  public void visit(FairVisit v) {
    visits.pipeInput(v.getFairId(), v, v.getEventTime());
  }

  /** The totals store, as the API reads it, after a flush. */
  public Map<String, CampaignCounts> storeTotals() {
    return store(Family.CAMPAIGN_TOTAL);
  }

  /** One family's store after a flush, keys as stored. */
  public Map<String, CampaignCounts> store(Family family) {
    flush();
    // a CountsStore is read-only from outside (the driver's typed getters refuse it as a built-in kind)
    var store = (ReadOnlyKeyValueStore<String, CampaignCounts>) driver.getAllStateStores().get(family.storeName());
    Map<String, CampaignCounts> result = new TreeMap<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> result.put(kv.key, kv.value));
    }
    return result;
  }

  /** The latest record per campaign on the campaign-totals topic, as a consumer would see it, after a flush. */
  public Map<String, CampaignTotals> publishedTotals() {
    flush();
    return totalsTopic.readKeyValuesToMap();
  }

  @Override
  public void close() {
    driver.close();
    SchemaRegistries.dropMockScope(registryUrl.substring("mock://".length()));
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException ignored) {
      // temp dir, best effort
    }
  }
}
