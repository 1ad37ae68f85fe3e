package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.producers.kafka.EventSender;
import io.campaignpulse.producers.kafka.Pacer;
import io.campaignpulse.producers.sim.CampaignSimulator;
import io.campaignpulse.producers.sim.GroundTruth;
import io.campaignpulse.producers.sim.Scenario;
import io.campaignpulse.producers.sim.SimEvent;
import io.campaignpulse.serde.AvroWireDeserializer;
import io.campaignpulse.serde.AvroWireSerializer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A simulated year for a failure drill: every event the simulator emits for a scenario and seed, held in memory,
 * with its ground truth; sent to the app's topics (as fast as possible or paced), and the ground truth in the fields
 * the app publishes on {@code campaign-totals} and serves on its API, to compare with both.
 */
record SimulatedWorkload(List<SimEvent> events, GroundTruth truth, List<Campaign> campaigns) {

  /** The published fields compared with the ground truth. */
  static final List<String> FIELDS = List.of("orders", "pendingOrders", "consumptionFen",
      "orderConsumptionFen", "fairSalesFen", "fairSales", "subsidyFen", "pendingSubsidyFen", "visitors");

  static SimulatedWorkload simulate(Scenario scenario, long seed) {
    CampaignSimulator simulator = new CampaignSimulator(scenario, seed);
    List<SimEvent> events = new ArrayList<>();
    simulator.events().forEachRemaining(events::add);
    return new SimulatedWorkload(List.copyOf(events), simulator.groundTruth(), simulator.campaigns());
  }

  long size() {
    return events.size();
  }

  /** Malformed records per topic. */
  Map<String, Long> malformed(TopicNames topics) {
    Map<String, Long> malformed = new TreeMap<>();
    events.stream().filter(SimEvent::isMalformed).forEach(e -> malformed.merge(topicOf(topics, e), 1L, Long::sum));
    return malformed;
  }

  private static String topicOf(TopicNames topics, SimEvent event) {
    return switch (event.stream()) {
      case CAMPAIGNS -> topics.campaigns();
      case ORDERS -> topics.orders();
      case FAIR_VISITS -> topics.fairVisits();
      case FAIR_SALES -> topics.fairSales();
    };
  }

  /**
   * Sends every event, paced, counting them in {@code sent} as they go; returns once the broker has acknowledged
   * all of them.
   */
  void send(PulseConfig config, String clientId, Pacer pacer, AtomicLong sent) throws InterruptedException {
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(config.serdeConfig(), false);
    try (EventSender sender = new EventSender(new KafkaProducer<>(config.producerProperties(clientId)), values,
        config.topicNames())) {
      for (Iterator<SimEvent> it = events.iterator(); it.hasNext(); sent.incrementAndGet()) {
        SimEvent event = it.next();
        pacer.await(event.timestampMs());
        sender.send(event);
      }
      sender.flush();
      assertThat(sender.acknowledged()).isEqualTo(events.size());
    } finally {
      values.close();
    }
  }

  /** The ground truth per campaign, in the published fields. */
  Map<String, Map<String, Long>> expected() {
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    truth.campaigns().forEach((id, t) -> expected.put(id, figures(t.orders(), t.pendingOrders(), t.consumptionFen(),
        t.orderConsumptionFen(), t.fairSalesFen(), t.fairSales(), t.subsidyFen(), t.pendingSubsidyFen(),
        t.visitors())));
    return expected;
  }

  /** Campaign:threshold of every threshold the ground truth's granted subsidy has reached. */
  Set<String> reachedThresholds() {
    Set<String> reached = new TreeSet<>();
    for (Campaign c : campaigns) {
      GroundTruth.Totals t = truth.campaigns().get(c.getCampaignId());
      if (t == null || c.getSubsidyBudgetFen() <= 0) {
        continue;
      }
      for (int threshold : c.getAlertThresholdsPercent()) {
        if (t.subsidyFen() * 100 >= (long) threshold * c.getSubsidyBudgetFen()) {
          reached.add(c.getCampaignId() + ":" + threshold);
        }
      }
    }
    return reached;
  }

  /**
   * The committed budget alerts (read_committed), once checked: none is there twice, and every threshold the ground
   * truth's granted subsidy reached has alerted (and the workload reaches some).
   */
  List<BudgetAlert> checkedAlerts(ClusterProbe probe, PulseConfig config) {
    List<BudgetAlert> alerts;
    try (AvroWireDeserializer<BudgetAlert> reader = new AvroWireDeserializer<>(BudgetAlert.class)) {
      reader.configure(config.serdeConfig(), false);
      alerts = probe.readAll(config.topicNames().budgetAlerts(), reader).stream().map(ConsumerRecord::value)
          .toList();
    }
    assertThat(alerts).extracting(BudgetAlert::getAlertId).as("no alert twice").doesNotHaveDuplicates();
    Set<String> reached = reachedThresholds();
    assertThat(reached).as("the workload crosses budget thresholds").isNotEmpty();
    assertThat(alerts.stream().filter(a -> a.getKind() == AlertKind.THRESHOLD)
        .map(a -> a.getCampaignId() + ":" + a.getThresholdPercent()).collect(Collectors.toSet()))
        .as("thresholds alerted").containsAll(reached);
    return alerts;
  }

  private static Map<String, Long> figures(long... values) {
    Map<String, Long> figures = new LinkedHashMap<>();
    for (int i = 0; i < FIELDS.size(); i++) {
      figures.put(FIELDS.get(i), values[i]);
    }
    return figures;
  }

  /** Published totals per campaign (all zero for a campaign of {@code ids} with no record yet, as the API does). */
  static Map<String, Map<String, Long>> figures(Map<String, CampaignTotals> published, Set<String> ids) {
    Map<String, Map<String, Long>> result = new TreeMap<>();
    ids.forEach(id -> result.put(id, figures(0, 0, 0, 0, 0, 0, 0, 0, 0)));
    published.forEach((id, t) -> result.put(id, figures(t.getOrders(), t.getPendingOrders(), t.getConsumptionFen(),
        t.getOrderConsumptionFen(), t.getFairSalesFen(), t.getFairSales(), t.getSubsidyFen(),
        t.getPendingSubsidyFen(), t.getVisitors())));
    return result;
  }

  /** One campaign of the API ({@code /api/campaigns/{id}} or an item of the list), in the published fields. */
  static Map<String, Long> apiFigures(JsonNode campaign) {
    Map<String, Long> figures = new LinkedHashMap<>();
    FIELDS.forEach(f -> figures.put(f, campaign.get(f).asLong()));
    return figures;
  }

  /** The API's list of campaigns, in the published fields. */
  static Map<String, Map<String, Long>> apiListFigures(JsonNode campaigns) {
    Map<String, Map<String, Long>> result = new TreeMap<>();
    campaigns.forEach(c -> result.put(c.get("campaignId").asText(), apiFigures(c)));
    return result;
  }
}
