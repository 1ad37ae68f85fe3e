package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.cli.ReplayCommand;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.replay.Replay;
import io.campaignpulse.replay.ReplayException;
import io.campaignpulse.replay.ReplayRequest;
import io.campaignpulse.replay.report.CampaignReport;
import io.campaignpulse.replay.report.ReplayReport;
import io.campaignpulse.replay.report.ReportJson;
import io.campaignpulse.replay.report.Totals;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.alerts.AlertSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Replays on a real broker and registry, beside a live pipeline that has counted the same events: a replay equals
 * what the live pipeline shows, two replays at once give byte-identical reports and leave the live pipeline and the
 * cluster as they found them, a range-and-campaign replay with a what-if subsidy rule equals the reference model
 * over the events in the range, and a replay stopped half-way leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration GRACE = Duration.ofDays(3650); // nothing late: the series hold every event
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String REPLAYS = "campaign-pulse-replay.";

  @TempDir
  static Path temp;

  private LivePipeline pipeline;
  private final List<Object> events = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    pipeline = LivePipeline.start(temp, "replay-test", GRACE);
    events.addAll(RandomEvents.generate(new Random(23), 2_000));
    ReferenceModel reference = new ReferenceModel(ZONE, GRACE);
    TopicNames topics = pipeline.topics();
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(pipeline.config.serdeConfig(), false);
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        pipeline.config.producerProperties("replay-test-producer"), new StringSerializer(), values)) {
      for (int i = 0; i < 3; i++) {
        var campaign = Events.campaign("C-" + i, 500_000_000L * (i + 1), 25, 50, 100);
        campaign.setSeries(i == 0 ? "SPRING" : null);
        producer.send(new ProducerRecord<>(topics.campaigns(), "C-" + i, campaign));
      }
      for (Object event : events) {
        pipeline.send(producer, event, reference);
      }
      producer.flush();
    }
    assertThat(pipeline.publishedTotalsUntil(reference.totals(), TIMEOUT)).isEqualTo(reference.totals());
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void twoReplaysAtOnceEqualTheLivePipelineByteForByteAndLeaveItAndTheClusterAsTheyWere() throws Exception {
    JsonNode liveCampaigns = api("/api/campaigns");
    Map<TopicPartition, Long> liveOutputs = endOffsets(List.of(pipeline.topics().campaignTotals(),
        pipeline.topics().budgetAlerts(), pipeline.topics().deadLetters(), pipeline.topics().lateEvents()));

    CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> replay("--replay-id", "a",
        "--out", temp.resolve("a").toString()));
    CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> replay("--replay-id", "b",
        "--out", temp.resolve("b").toString()));
    assertThat(a.get()).isZero();
    assertThat(b.get()).isZero();

    // the same replay twice, run at the same time: byte-identical files
    Map<String, byte[]> filesA = files(temp.resolve("a"));
    assertThat(filesA.keySet()).contains("report.json", "report.html", "totals.csv", "daily.csv");
    Map<String, byte[]> filesB = files(temp.resolve("b"));
    assertThat(filesB.keySet()).isEqualTo(filesA.keySet());
    filesA.forEach((name, bytes) -> assertThat(filesB.get(name)).as(name).isEqualTo(bytes));

    // equal to what the live pipeline shows, campaign by campaign
    ReplayReport report = ReportJson.read(Files.readString(temp.resolve("a/report.json")));
    assertThat(report.input().read()).isEqualTo(events.size() + 3);
    assertThat(report.campaigns()).extracting(CampaignReport::campaignId).containsExactly("C-0", "C-1", "C-2");
    assertThat(report.campaigns()).extracting(CampaignReport::series).containsExactly("SPRING", null, null);
    for (CampaignReport c : report.campaigns()) {
      JsonNode live = api("/api/campaigns/" + c.campaignId());
      assertThat(totals(live)).as(c.campaignId()).isEqualTo(c.totals());
      assertThat(c.budget().budgetFen()).isEqualTo(live.get("subsidyBudgetFen").asLong());
      assertThat(text(c.daily())).as("daily " + c.campaignId())
          .isEqualTo(api("/api/campaigns/" + c.campaignId() + "/daily").toString());
      assertThat(text(c.categories())).isEqualTo(api("/api/campaigns/" + c.campaignId() + "/categories").toString());
      assertThat(text(c.streets())).isEqualTo(api("/api/campaigns/" + c.campaignId() + "/streets").toString());
      assertThat(text(c.fairs())).isEqualTo(api("/api/campaigns/" + c.campaignId() + "/fairs").toString());
    }

    // the live pipeline did not notice: same answers, nothing written to its outputs
    assertThat(api("/api/campaigns")).isEqualTo(liveCampaigns);
    assertThat(endOffsets(List.copyOf(liveOutputs.keySet().stream().map(TopicPartition::topic)
        .collect(Collectors.toSet())))).isEqualTo(liveOutputs);
    assertNothingLeftBehind();
  }

  @Test
  void aRangeReplayOfOneCampaignWithAWhatIfSubsidyRuleEqualsTheReferenceModelOverTheEventsInRange()
      throws Exception {
    Instant from = Events.T0.plus(Duration.ofDays(3));
    Instant to = Events.T0.plus(Duration.ofDays(12));
    Path out = temp.resolve("range");
    assertThat(replay("--replay-id", "range", "--out", out.toString(), "--campaign", "C-0",
        "--from", from.toString(), "--to", to.toString(),
        "--subsidy-rule", "HOME_APPLIANCE=20%:2000", "--budget", "C-0=3000000", "--thresholds", "10,20")).isZero();

    ReferenceModel baseline = new ReferenceModel(ZONE, GRACE);
    ReferenceModel whatIf = new ReferenceModel(ZONE, GRACE);
    long inRange = 0;
    for (Object event : events) {
      Instant t = Events.eventTime(event);
      if (t.isBefore(from) || !t.isBefore(to)) {
        continue;
      }
      inRange++;
      baseline.event(event);
      whatIf.event(event instanceof TradeInOrder o ? withTwentyPercent(o) : event);
    }
    ReplayReport report = ReportJson.read(Files.readString(out.resolve("report.json")));
    assertThat(report.campaigns()).extracting(CampaignReport::campaignId).containsExactly("C-0");
    CampaignReport c0 = report.campaigns().get(0);
    assertThat(c0.totals()).isEqualTo(totals(baseline.totals().get("C-0")));
    assertThat(c0.whatIf().totals()).isEqualTo(totals(whatIf.totals().get("C-0")));
    assertThat(c0.whatIf().totals().subsidyFen()).as("the rule changes the subsidy")
        .isNotEqualTo(c0.totals().subsidyFen());
    assertThat(c0.whatIf().delta()).isEqualTo(c0.whatIf().totals().minus(c0.totals()));
    assertThat(c0.whatIf().budget().budgetFen()).isEqualTo(300_000_000L);
    assertThat(c0.whatIf().budget().thresholdsPercent()).containsExactly(10, 20);
    assertThat(report.input().outOfScope()).as("events outside the range were read and passed over").isPositive();
    assertThat(report.input().read()).as("offsetsForTimes skipped what is before the range")
        .isLessThan(events.size() + 3);
    assertThat(report.input().read() - report.input().outOfScope() - report.input().rejected())
        .isGreaterThanOrEqualTo(inRange);
    assertNothingLeftBehind();
  }

  @Test
  void aReplayStoppedHalfWayLeavesNothingBehind() throws Exception {
    Replay replay = new Replay(new Replay.Settings(pipeline.config.commonProperties(),
        pipeline.config.producerProperties("replay-test"), pipeline.config.serdeConfig(), pipeline.topics(),
        pipeline.config.analytics(), AlertSettings.defaults(), (short) 1, temp.resolve("stopped-state")));
    ReplayRequest request = new ReplayRequest("stopped", Set.of(), null, null, List.of(), false);
    assertThatThrownBy(() -> replay.run(request, (done, total) -> replay.close(), outcome -> outcome))
        .isInstanceOf(ReplayException.class);
    assertNothingLeftBehind();
    assertThat(temp.resolve("stopped-state")).isEmptyDirectory();
  }

  @Test
  void aReplayOfHistoricalFilesEqualsTheLivePipelineAndRejectsTheBadLinesWithTheirReasons() throws Exception {
    Path history = temp.resolve("history.jsonl");
    try (var out = Files.newBufferedWriter(history)) {
      for (int i = 0; i < events.size(); i++) {
        out.write(jsonLine(events.get(i)) + "\n");
        if (i == 10) {
          out.write("{\"orderId\": \"O-bad\", \"version\": 1}\n");
        }
      }
      out.write("not json at all\n");
    }
    Path out = temp.resolve("files");
    assertThat(replay("--replay-id", "files", "--out", out.toString(), "--file", history.toString())).isZero();

    ReplayReport report = ReportJson.read(Files.readString(out.resolve("report.json")));
    assertThat(report.scope().source()).isEqualTo("files history.jsonl");
    assertThat(report.input().rejected()).isEqualTo(2);
    assertThat(report.input().read()).as("3 definitions, the events and 2 bad lines").isEqualTo(events.size() + 5);
    for (CampaignReport c : report.campaigns()) {
      assertThat(c.totals()).as(c.campaignId()).isEqualTo(totals(api("/api/campaigns/" + c.campaignId())));
    }
    List<String> rejects = Files.readAllLines(out.resolve("rejects.jsonl"));
    assertThat(rejects).hasSize(2);
    assertThat(json.readTree(rejects.get(0)).get("line").asLong()).isEqualTo(12);
    assertThat(json.readTree(rejects.get(0)).get("reason").asText()).isNotBlank();
    assertNothingLeftBehind();
  }

  // --- helpers ---

  /** The event as a JSON line of the historical ingest format. */
  private String jsonLine(Object event) throws Exception {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    if (event instanceof TradeInOrder o) {
      fields.put("orderId", o.getOrderId());
      fields.put("version", o.getVersion());
      fields.put("campaignId", o.getCampaignId());
      fields.put("category", o.getCategory().name());
      fields.put("status", o.getStatus().name());
      fields.put("purchaseAmountFen", o.getPurchaseAmountFen());
      fields.put("subsidyAmountFen", o.getSubsidyAmountFen());
      fields.put("merchantId", o.getMerchantId());
      if (o.getStreet() != null) {
        fields.put("street", o.getStreet());
      }
      fields.put("eventTime", o.getEventTime().toString());
    } else if (event instanceof io.campaignpulse.avro.FairSale s) {
      fields.put("saleId", s.getSaleId());
      fields.put("fairId", s.getFairId());
      fields.put("campaignId", s.getCampaignId());
      fields.put("merchantId", s.getMerchantId());
      fields.put("category", s.getCategory().name());
      fields.put("amountFen", s.getAmountFen());
      fields.put("eventTime", s.getEventTime().toString());
    } else {
      io.campaignpulse.avro.FairVisit v = (io.campaignpulse.avro.FairVisit) event;
      fields.put("fairId", v.getFairId());
      fields.put("campaignId", v.getCampaignId());
      fields.put("gateId", v.getGateId());
      fields.put("visitors", v.getVisitors());
      fields.put("eventTime", v.getEventTime().toString());
    }
    return json.writeValueAsString(fields);
  }

  private static TradeInOrder withTwentyPercent(TradeInOrder o) {
    if (o.getCategory() != Category.HOME_APPLIANCE) {
      return o;
    }
    long subsidy = Math.min(o.getPurchaseAmountFen() * 2_000 / 10_000, 2_000_00L) / 100 * 100;
    return TradeInOrder.newBuilder().setOrderId(o.getOrderId()).setVersion(o.getVersion())
        .setCampaignId(o.getCampaignId()).setCategory(o.getCategory()).setStatus(o.getStatus())
        .setPurchaseAmountFen(o.getPurchaseAmountFen()).setSubsidyAmountFen(Math.min(subsidy, o.getPurchaseAmountFen()))
        .setMerchantId(o.getMerchantId()).setStreet(o.getStreet()).setEventTime(o.getEventTime()).build();
  }

  private int replay(String... args) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-servers", pipeline.config.bootstrapServers(),
        "--schema-registry-url", pipeline.config.schemaRegistryUrl(), "--partitions", "3", "--grace", GRACE.toString(),
        "--no-progress", "--state-dir", temp.resolve("replay-state").toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ReplayCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(all.toArray(String[]::new));
    System.out.println("replay " + String.join(" ", args) + " -> " + code + "\n" + out + err);
    return code;
  }

  private void assertNothingLeftBehind() throws Exception {
    try (Admin admin = Admin.create(pipeline.config.adminProperties())) {
      assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith(REPLAYS));
      assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId)
          .noneMatch(g -> g.startsWith(REPLAYS));
    }
  }

  private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
    try (Admin admin = Admin.create(pipeline.config.adminProperties())) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
          .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> result = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((tp, info) -> result.put(tp, info.offset()));
      return result;
    }
  }

  private JsonNode api(String path) throws Exception {
    var response = pipeline.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** As the API writes it: compact JSON (trees of the same JSON can differ in their number node types). */
  private String text(Object value) throws Exception {
    return json.writeValueAsString(value);
  }

  private static Totals totals(JsonNode c) {
    return new Totals(c.get("orders").asLong(), c.get("pendingOrders").asLong(), c.get("consumptionFen").asLong(),
        c.get("orderConsumptionFen").asLong(), c.get("fairSales").asLong(), c.get("fairSalesFen").asLong(),
        c.get("subsidyFen").asLong(), c.get("pendingSubsidyFen").asLong(), c.get("visitors").asLong());
  }

  private static Totals totals(ReferenceModel.Totals t) {
    return new Totals(t.orders(), t.pendingOrders(), t.orderConsumptionFen() + t.fairSalesFen(),
        t.orderConsumptionFen(), t.fairSales(), t.fairSalesFen(), t.subsidyFen(), t.pendingSubsidyFen(),
        t.visitors());
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> result = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        result.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return result;
  }
}
