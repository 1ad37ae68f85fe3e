package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.cli.FileCommand;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code produce file} on real parts: Kafka's KRaft test kit, Apicurio Registry, the streams app with
 * exactly-once. A generated history (a gzip CSV of orders, a JSON Lines file of gate reports and sales, with bad
 * lines among the good) goes in through the command; the totals on {@code campaign-totals} must equal the
 * reference model of the good lines, the bad lines must be in the rejects files with their line numbers, and
 * ingesting the same files again must leave the totals as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileIngestIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String APPLICATION_ID = "file-ingest-test";
  private static final String ORDERS_HEADER =
      "orderId,version,campaignId,category,status,purchaseAmountFen,subsidyAmountFen,merchantId,street,eventTime";

  /** Bad order rows, each with the reason the ingest must give; their orderIds would change the totals. */
  private static final List<String[]> BAD_ORDERS = List.of(
      new String[] {"O-bad-%d,1,C-0,AUTO,PAID,-5,0,M-1,,2024-10-01T02:00:00Z", "negative purchaseAmountFen -5"},
      new String[] {"O-bad-%d,1,C-0,AUTO,PAID,100,101,M-1,,2024-10-01T02:00:00Z",
          "subsidyAmountFen 101 is above purchaseAmountFen 100"},
      new String[] {"O-bad-%d,1,C-0,TV,PAID,100,0,M-1,,2024-10-01T02:00:00Z", "unknown category 'TV'"},
      new String[] {"O-bad-%d,1,C-0,AUTO,PAID,100,0,M-1,,2024-10-01 10:00:00",
          "eventTime '2024-10-01 10:00:00' has no offset"},
      new String[] {"O-bad-%d,1,C-0,AUTO,PAID,12.50,0,M-1,,2024-10-01T02:00:00Z",
          "purchaseAmountFen '12.50' is not a whole number of fen"});

  /** Bad JSON lines, each with the reason the ingest must give. */
  private static final List<String[]> BAD_FAIR_LINES = List.of(
      new String[] {"{\"fairId\":\"F-0\",\"campaignId\":\"C-0\",\"gateId\":\"G-bad-%d\",\"visitors\":-1,"
          + "\"eventTime\":\"2024-10-01T02:00:00Z\"}", "negative visitors -1"},
      new String[] {"{\"saleId\":\"S-bad-%d\",\"fairId\":\"F-1\",\"campaignId\":\"C-0\",\"merchantId\":\"M-9\","
          + "\"category\":\"AUTO\",\"amountFen\":\"1.5\",\"eventTime\":\"2024-10-01T02:00:00Z\"}",
          "amountFen '1.5' is not a whole number of fen"},
      new String[] {"{\"saleId\":\"S-bad-%d\", oops", "not valid JSON"},
      new String[] {"{\"saleId\":\"S-bad-%d\",\"fairId\":\"F-1\",\"campaignId\":\"C-0\",\"merchantId\":\"M-9\","
          + "\"category\":\"AUTO\",\"amountYuan\":1,\"eventTime\":\"2024-10-01T02:00:00Z\"}",
          "missing fields [amountFen]; unknown fields [amountYuan]"});

  @TempDir
  static Path temp;

  private LivePipeline pipeline;
  private TestCluster cluster;
  private LocalSchemaRegistry registry;
  private PulseConfig config;
  private PipelineService service;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    pipeline = LivePipeline.start(temp, APPLICATION_ID);
    cluster = pipeline.cluster;
    registry = pipeline.registry;
    config = pipeline.config;
    service = pipeline.service;
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  /** What the generated files hold: the good events in file order, and each bad line by file and line number. */
  private record History(Path orders, Path fairs, List<Object> good, Map<String, Map<Long, String>> rejects) {
  }

  @Test
  void ingestingTheSameFilesTwiceCountsEachGoodLineOnceAndRejectsTheBadOnesWithTheirLineNumbers() throws Exception {
    // Given a history of a few thousand orders, gate reports and sales, with duplicates, corrections and bad lines
    Random random = new Random(11);
    List<Object> events = new ArrayList<>(RandomEvents.generate(random, 2_500));
    events.addAll(fairEvents(random, 1_500));
    History history = writeHistory(events);
    ReferenceModel reference = new ReferenceModel();
    for (Object event : history.good()) {
      if (event instanceof TradeInOrder o) {
        reference.order(o);
      } else if (event instanceof FairSale s) {
        reference.sale(s);
      } else {
        reference.visit((FairVisit) event);
      }
    }
    Map<String, ReferenceModel.Totals> expected = reference.totals();
    long goodOrders = history.good().stream().filter(TradeInOrder.class::isInstance).count();
    long goodSales = history.good().stream().filter(FairSale.class::isInstance).count();

    // When the files are ingested
    StringWriter firstOut = new StringWriter();
    int firstExit = ingest(firstOut, history);

    // Then the valid lines were sent, the bad ones rejected, and the totals equal the reference model
    int badLines = history.rejects().values().stream().mapToInt(Map::size).sum();
    assertThat(firstExit).as(firstOut.toString()).isEqualTo(1);
    assertThat(firstOut.toString()).contains(String.format("total: 2 files, read %,d, sent %,d",
        history.good().size() + badLines, history.good().size()), String.format("rejected %,d", badLines));
    Map<String, ReferenceModel.Totals> afterFirst = awaitPublishedTotals(expected);
    assertThat(afterFirst).isEqualTo(expected);

    // And each bad line is in its file's rejects, with its line number and reason
    assertRejects(history.orders(), history.rejects().get(history.orders().toString()));
    assertRejects(history.fairs(), history.rejects().get(history.fairs().toString()));

    // When the same files are ingested again
    PipelineMetrics metrics = service.streams().metrics();
    long repeatedOrdersBefore = metrics.duplicateOrders() + metrics.staleOrders();
    long repeatedSalesBefore = metrics.repeatedFairSales();
    StringWriter secondOut = new StringWriter();
    int secondExit = ingest(secondOut, history);

    // Then everything was sent again and recognised as already counted: every re-sent order and sale
    assertThat(secondExit).isEqualTo(1);
    assertThat(secondOut.toString()).contains(String.format("sent %,d", history.good().size()));
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(metrics.duplicateOrders() + metrics.staleOrders() - repeatedOrdersBefore)
          .isGreaterThanOrEqualTo(goodOrders);
      assertThat(metrics.repeatedFairSales() - repeatedSalesBefore).isGreaterThanOrEqualTo(goodSales);
    });
    awaitInputsConsumed();

    // And the totals are unchanged, and the rejects were written again the same
    assertThat(awaitPublishedTotals(expected)).isEqualTo(afterFirst);
    assertRejects(history.orders(), history.rejects().get(history.orders().toString()));
    assertRejects(history.fairs(), history.rejects().get(history.fairs().toString()));
  }

  /**
   * Fair sales and gate reports as {@link RandomEvents} makes them when it has room: saleIds that repeat (the first
   * one counts), gate slots reported again with the same or a corrected count (the last one counts).
   */
  private static List<Object> fairEvents(Random random, int size) {
    List<Object> events = new ArrayList<>();
    Instant start = Events.T0;
    while (events.size() < size) {
      if (random.nextBoolean()) {
        events.add(Events.sale("S-" + random.nextInt(size), "F-1", "C-" + random.nextInt(3),
            random.nextInt(5_000_000), start.plusSeconds(random.nextInt(86_400))));
      } else {
        int fair = random.nextInt(2);
        events.add(Events.visit("F-" + fair, "C-" + fair, "G-" + random.nextInt(3), random.nextInt(500),
            start.plusSeconds(3600L * random.nextInt(4))));
      }
    }
    return events;
  }

  private int ingest(StringWriter out, History history) {
    CommandLine cli = new CommandLine(new FileCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(history.orders().toString(), history.fairs().toString(),
        "--bootstrap-servers", config.bootstrapServers(), "--schema-registry-url", config.schemaRegistryUrl(),
        "--partitions", "3", "--no-progress");
  }

  /** Orders as gzip CSV, gate reports and sales as JSON Lines; a bad line after every 37th good one. */
  private History writeHistory(List<Object> events) throws IOException {
    Path orders = temp.resolve("orders.csv.gz");
    Path fairs = temp.resolve("fairs.jsonl");
    List<Object> goodOrders = new ArrayList<>();
    List<Object> goodFairs = new ArrayList<>();
    Map<String, Map<Long, String>> rejects = new HashMap<>();
    rejects.put(orders.toString(), new TreeMap<>());
    rejects.put(fairs.toString(), new TreeMap<>());
    try (Writer csv = new java.io.OutputStreamWriter(gzip(orders), StandardCharsets.UTF_8);
        Writer jsonl = Files.newBufferedWriter(fairs, StandardCharsets.UTF_8)) {
      csv.write(ORDERS_HEADER + "\n");
      long csvLine = 1;
      long jsonLine = 0;
      for (Object event : events) {
        if (event instanceof TradeInOrder o) {
          String row = csvRow(o, goodOrders.size());
          csv.write(row + "\n");
          csvLine += 1 + row.chars().filter(c -> c == '\n').count();
          goodOrders.add(o);
          if (goodOrders.size() % 37 == 0) {
            String[] bad = BAD_ORDERS.get(goodOrders.size() / 37 % BAD_ORDERS.size());
            csvLine++;
            csv.write(String.format(bad[0], csvLine) + "\n");
            rejects.get(orders.toString()).put(csvLine, bad[1]);
          }
        } else {
          jsonl.write(jsonLine(event, goodFairs.size()) + "\n");
          jsonLine++;
          goodFairs.add(event);
          if (goodFairs.size() % 37 == 0) {
            jsonl.write("\n"); // blank lines are skipped, but counted as lines
            jsonLine++;
            String[] bad = BAD_FAIR_LINES.get(goodFairs.size() / 37 % BAD_FAIR_LINES.size());
            jsonLine++;
            jsonl.write(String.format(bad[0], jsonLine) + "\n");
            rejects.get(fairs.toString()).put(jsonLine, bad[1]);
          }
        }
      }
    }
    List<Object> good = new ArrayList<>(goodOrders);
    good.addAll(goodFairs); // the files are ingested in this order
    return new History(orders, fairs, good, rejects);
  }

  private static OutputStream gzip(Path file) throws IOException {
    return new GZIPOutputStream(Files.newOutputStream(file));
  }

  /** The order as a CSV row, its time and street written in the ways analysts' exports write them. */
  private static String csvRow(TradeInOrder o, int index) {
    Instant t = o.getEventTime();
    String time = switch (index % 3) {
      case 0 -> t.toString();
      case 1 -> t.atOffset(ZoneOffset.ofHours(8)).toString();
      default -> Long.toString(t.toEpochMilli());
    };
    String street = switch (index % 4) {
      case 0 -> "";
      case 1 -> "\"七一路街道, 3号\"";
      case 2 -> "\"城关\n街道\"";
      default -> o.getStreet();
    };
    String category = index % 2 == 0 ? o.getCategory().name() : o.getCategory().name().toLowerCase(java.util.Locale.ROOT);
    return String.join(",", o.getOrderId(), Integer.toString(o.getVersion()), o.getCampaignId(), category,
        o.getStatus().name(), Long.toString(o.getPurchaseAmountFen()), Long.toString(o.getSubsidyAmountFen()),
        o.getMerchantId(), street, time);
  }

  private String jsonLine(Object event, int index) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    Instant time;
    if (event instanceof FairSale s) {
      fields.put("saleId", s.getSaleId());
      fields.put("fairId", s.getFairId());
      fields.put("campaignId", s.getCampaignId());
      fields.put("merchantId", s.getMerchantId());
      fields.put("category", s.getCategory().name());
      fields.put("amountFen", index % 2 == 0 ? s.getAmountFen() : Long.toString(s.getAmountFen()));
      time = s.getEventTime();
    } else {
      FairVisit v = (FairVisit) event;
      fields.put("fairId", v.getFairId());
      fields.put("campaignId", v.getCampaignId());
      fields.put("gateId", v.getGateId());
      fields.put("visitors", v.getVisitors());
      time = v.getEventTime();
    }
    fields.put("eventTime", index % 2 == 0 ? time.toString() : time.toEpochMilli());
    return json.writeValueAsString(fields);
  }

  private void assertRejects(Path input, Map<Long, String> expected) throws IOException {
    Path file = input.resolveSibling(input.getFileName() + ".rejects.jsonl");
    Map<Long, String> written = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode reject = json.readTree(line);
      assertThat(reject.get("file").asText()).isEqualTo(input.toString());
      assertThat(reject.get("raw").asText()).contains("-bad-" + reject.get("line").asLong());
      written.put(reject.get("line").asLong(), reject.get("reason").asText());
    }
    assertThat(written.keySet()).isEqualTo(expected.keySet());
    expected.forEach((line, reason) -> assertThat(written.get(line)).as("line " + line).startsWith(reason));
  }

  /** Reads campaign-totals (read_committed) until the latest totals per campaign equal {@code expected}. */
  private Map<String, ReferenceModel.Totals> awaitPublishedTotals(Map<String, ReferenceModel.Totals> expected) {
    return pipeline.publishedTotalsUntil(expected, TIMEOUT);
  }

  /** Waits until the streams app has committed every record of its input topics (they are not transactional). */
  private void awaitInputsConsumed() {
    try (Admin admin = Admin.create(config.adminProperties())) {
      await().atMost(TIMEOUT).until(() -> {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(config.topicNames().inputs()).allTopicNames().get().values().forEach(d ->
            d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
            .partitionsToOffsetAndMetadata().get();
        return admin.listOffsets(ends).all().get().entrySet().stream().allMatch(e -> e.getValue().offset()
            == (committed.get(e.getKey()) == null ? 0 : committed.get(e.getKey()).offset()));
      });
    }
  }

  /**
   * Creates the topics before the pipeline does, with time retention off: the events keep their 2024 event times
   * as timestamps, which the broker's default retention (7 days) would delete at its next check.
   */

}
