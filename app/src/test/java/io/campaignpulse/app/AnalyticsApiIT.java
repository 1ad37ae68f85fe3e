package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics on real parts, read through the HTTP API: daily and hourly series, category and street
 * breakdowns, top merchants, fairs and a festival series across two years, each equal to the reference model.
 * The grace period is long enough that nothing is late, so the series hold every counted event (lateness is
 * covered, event by event, by the topology tests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration GRACE = Duration.ofDays(3650);

  @TempDir
  static Path temp;

  private LivePipeline pipeline;
  private final ObjectMapper json = new ObjectMapper();
  private Map<String, Map<String, ReferenceModel.Counts>> expected;
  private Map<String, ReferenceModel.Totals> expectedTotals;

  @BeforeAll
  void start() throws Exception {
    pipeline = LivePipeline.start(temp, "analytics-api-test", GRACE);
    List<Object> events = new ArrayList<>(RandomEvents.generate(new Random(11), 2_000));
    ReferenceModel reference = new ReferenceModel(ZoneId.of("Asia/Shanghai"), GRACE);
    TopicNames topics = pipeline.topics();
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(pipeline.config.serdeConfig(), false);
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        pipeline.config.producerProperties("analytics-producer"), new StringSerializer(), values)) {
      // the spring market of two years: C-1 in 2024 (the random events) and C-1-2023 a year before
      producer.send(new ProducerRecord<>(topics.campaigns(), "C-1", campaign("C-1", 2024)));
      producer.send(new ProducerRecord<>(topics.campaigns(), "C-1-2023", campaign("C-1-2023", 2023)));
      FairVisit lastYear = FairVisit.newBuilder().setFairId("F-1-2023").setCampaignId("C-1-2023").setGateId("G-0")
          .setVisitors(1000).setEventTime(Instant.parse("2023-10-01T02:00:00Z")).build();
      events.add(0, lastYear);
      for (Object event : events) {
        pipeline.send(producer, event, reference);
      }
      producer.flush();
    }
    expected = reference.aggregates();
    expectedTotals = reference.totals();
    assertThat(pipeline.publishedTotalsUntil(expectedTotals, TIMEOUT)).isEqualTo(expectedTotals);
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static Campaign campaign(String id, int year) {
    return Campaign.newBuilder().setCampaignId(id).setName("春会 " + year).setKind(CampaignKind.FESTIVAL_MARKET)
        .setRegion("川汇区").setStartTime(Instant.parse(year + "-02-01T00:00:00Z"))
        .setEndTime(Instant.parse(year + "-12-31T00:00:00Z")).setSubsidyBudgetFen(0).setSeries("SPRING").build();
  }

  @Test
  void dailyAndHourlySeriesEqualTheReferenceModel() throws Exception {
    for (String campaign : expectedTotals.keySet()) {
      assertThat(buckets("/api/campaigns/" + campaign + "/daily")).as(campaign)
          .isEqualTo(expectedFor("daily", campaign));
      assertThat(buckets("/api/campaigns/" + campaign + "/hourly")).as(campaign)
          .isEqualTo(expectedFor("hourly", campaign));
    }
    // a range includes both ends and nothing outside them
    Map<String, ReferenceModel.Counts> allDays = expectedFor("daily", "C-0");
    List<String> days = new ArrayList<>(allDays.keySet());
    String from = days.get(1);
    String to = days.get(days.size() - 2);
    Map<String, ReferenceModel.Counts> inRange = new TreeMap<>(allDays.entrySet().stream()
        .filter(e -> e.getKey().compareTo(from) >= 0 && e.getKey().compareTo(to) <= 0)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertThat(buckets("/api/campaigns/C-0/daily?from=" + from + "&to=" + to)).isEqualTo(inRange);
  }

  @Test
  void breakdownsAndTopMerchantsEqualTheReferenceModel() throws Exception {
    for (String campaign : expectedTotals.keySet()) {
      assertThat(buckets("/api/campaigns/" + campaign + "/categories")).isEqualTo(expectedFor("category", campaign));
      assertThat(buckets("/api/campaigns/" + campaign + "/streets")).isEqualTo(expectedFor("street", campaign));
      Map<String, ReferenceModel.Counts> merchants = expectedFor("merchant", campaign);
      List<String> top3 = merchants.entrySet().stream()
          .sorted(Comparator.<Map.Entry<String, ReferenceModel.Counts>>comparingLong(
              e -> -(e.getValue().orderConsumptionFen() + e.getValue().fairSalesFen())).thenComparing(Map.Entry::getKey))
          .limit(3).map(Map.Entry::getKey).toList();
      JsonNode top = get("/api/campaigns/" + campaign + "/merchants?top=3");
      List<String> keys = new ArrayList<>();
      top.forEach(n -> keys.add(n.get("key").asText()));
      assertThat(keys).isEqualTo(top3);
    }
  }

  @Test
  void fairsAndTheirSeriesEqualTheReferenceModel() throws Exception {
    for (String campaign : expectedTotals.keySet()) {
      Map<String, ReferenceModel.Counts> fairs = expectedFor("fair", campaign);
      JsonNode body = get("/api/campaigns/" + campaign + "/fairs");
      assertThat(body).hasSize(fairs.size());
      for (JsonNode fair : body) {
        ReferenceModel.Counts c = fairs.get(fair.get("fairId").asText());
        assertThat(fair.get("visitors").asLong()).isEqualTo(c.visitors());
        assertThat(fair.get("sales").asLong()).isEqualTo(c.fairSales());
        assertThat(fair.get("salesFen").asLong()).isEqualTo(c.fairSalesFen());
        if (c.visitors() > 0) {
          // half-up rounding of an exact integer division
          long perVisitor = (2 * c.fairSalesFen() + c.visitors()) / (2 * c.visitors());
          assertThat(fair.get("salesFenPerVisitor").asLong()).isEqualTo(perVisitor);
        }
        String fairId = fair.get("fairId").asText();
        assertThat(buckets("/api/campaigns/" + campaign + "/fairs/" + fairId + "/daily"))
            .isEqualTo(expectedFor("fair-daily", campaign + "/" + fairId));
        assertThat(buckets("/api/campaigns/" + campaign + "/fairs/" + fairId + "/hourly"))
            .isEqualTo(expectedFor("fair-hourly", campaign + "/" + fairId));
      }
    }
  }

  @Test
  void aSeriesComparesItsYearsWithExactGrowth() throws Exception {
    JsonNode years = get("/api/series/SPRING");
    assertThat(years).hasSize(2);
    assertThat(years.get(0).get("year").asInt()).isEqualTo(2023);
    assertThat(years.get(0).get("visitors").asLong()).isEqualTo(1000);
    long visitors2024 = expectedTotals.get("C-1").visitors();
    assertThat(years.get(1).get("year").asInt()).isEqualTo(2024);
    assertThat(years.get(1).get("visitors").asLong()).isEqualTo(visitors2024);
    assertThat(years.get(1).get("visitorGrowthPercent").asText()).isEqualTo(
        new java.math.BigDecimal(visitors2024 - 1000).multiply(java.math.BigDecimal.valueOf(100))
            .divide(java.math.BigDecimal.valueOf(1000), 1, java.math.RoundingMode.HALF_UP).toPlainString());
  }

  @Test
  void badParametersAre400WithAJsonBody() throws Exception {
    for (String path : List.of("/api/campaigns/C-0/daily?from=yesterday", "/api/campaigns/C-0/hourly?to=2024-13-01T10",
        "/api/campaigns/C-0/merchants?top=0", "/api/campaigns/C-0/merchants?top=ten")) {
      HttpResponse<String> response = pipeline.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      JsonNode body = json.readTree(response.body());
      assertThat(body.get("error").asText()).isEqualTo("bad_parameter");
      assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception");
    }
  }

  @Test
  void readyAndMetricsOfTheRunningApp() throws Exception {
    HttpResponse<String> ready = pipeline.get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json.readTree(ready.body()).get("ready").asBoolean()).isTrue();

    HttpResponse<String> metrics = pipeline.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    long duplicates = pipeline.service.streams().metrics().duplicateOrders();
    assertThat(duplicates).as("the random events repeat some versions").isPositive();
    assertThat(metrics.body())
        // Kafka Streams' own metrics, through Micrometer's binder: its threads and its embedded clients
        .contains("kafka_stream_thread_process_total")
        .contains("kafka_producer_")
        // the pipeline's counters, per input topic where they have one
        .contains("campaign_pulse_dead_letters_total{topic=\"" + pipeline.topics().orders() + "\"}")
        .contains("campaign_pulse_late_events_total{topic=\"" + pipeline.topics().fairVisits() + "\"}")
        .containsPattern("campaign_pulse_duplicate_orders_total(\\{[^}]*\\})? " + duplicates + "\\.0")
        .contains("jvm_memory_used_bytes");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = pipeline.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** A list of buckets from the API, as the reference model keys and counts them. */
  private Map<String, ReferenceModel.Counts> buckets(String path) throws Exception {
    Map<String, ReferenceModel.Counts> result = new TreeMap<>();
    for (JsonNode b : get(path)) {
      ReferenceModel.Counts c = new ReferenceModel.Counts(b.get("orders").asLong(), b.get("pendingOrders").asLong(),
          b.get("orderConsumptionFen").asLong(), b.get("subsidyFen").asLong(), b.get("pendingSubsidyFen").asLong(),
          b.get("fairSales").asLong(), b.get("fairSalesFen").asLong(), b.get("visitors").asLong());
      assertThat(b.get("consumptionFen").asLong()).isEqualTo(c.orderConsumptionFen() + c.fairSalesFen());
      if (!c.equals(new ReferenceModel.Counts(0, 0, 0, 0, 0, 0, 0, 0))) {
        result.put(b.get("key").asText(), c);
      }
    }
    return result;
  }

  /** The reference entries of one family under a key prefix, keyed by what follows the prefix. */
  private Map<String, ReferenceModel.Counts> expectedFor(String family, String prefix) {
    Map<String, ReferenceModel.Counts> result = new TreeMap<>();
    expected.get(family).forEach((key, counts) -> {
      if (key.startsWith(prefix + "/")) {
        result.put(key.substring(prefix.length() + 1), counts);
      }
    });
    return result;
  }
}
