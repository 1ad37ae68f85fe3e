package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.ingest.Samples.RecordingSink;
import io.campaignpulse.producers.sim.SimEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIngestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final RecordingSink sink = new RecordingSink();

  private FileResult ingest(Path file) throws IOException {
    return ingest(file, null, null);
  }

  private FileResult ingest(Path file, EventKind kind, EventFileFormat format) throws IOException {
    try (Rejects rejects = Rejects.besideInput(file)) {
      return new FileIngest(kind, format, sink, IngestProgress.none()).ingest(file, rejects);
    }
  }

  private static List<JsonNode> rejectsOf(Path input) throws IOException {
    return Files.readAllLines(Rejects.defaultPath(input)).stream().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  void sendsTheGoodCsvRowsAndRejectsEachBadOneWithItsLineAndReason() throws IOException {
    // Given the sample orders: good rows (quoted commas, a quoted line break, epoch millis, +08:00) and bad ones
    Path file = Samples.copy(dir, "orders.csv");

    // When ingested
    FileResult result = ingest(file);

    // Then the 5 good rows are sent in file order and the 8 bad ones rejected; the blank line is not a row
    assertThat(result.read()).isEqualTo(13);
    assertThat(result.valid(EventKind.ORDERS)).isEqualTo(5);
    assertThat(result.rejected()).isEqualTo(8);
    assertThat(result.sent()).isEqualTo(5);
    assertThat(sink.events).extracting(SimEvent::key).containsExactly("O-1", "O-1", "O-2", "O-3", "O-9");
    TradeInOrder o2 = (TradeInOrder) sink.events.get(2).value();
    assertThat(o2.getStreet()).isEqualTo("人和街道, 东区");
    assertThat(((TradeInOrder) sink.events.get(3).value()).getStreet()).isNull();
    assertThat(((TradeInOrder) sink.events.get(4).value()).getStreet()).isEqualTo("城关\n街道");

    // And the rejects file says where and why, with the raw line
    List<JsonNode> rejects = rejectsOf(file);
    assertThat(rejects).extracting(r -> r.get("line").asLong()).containsExactly(7L, 8L, 9L, 10L, 11L, 14L, 15L, 16L);
    assertThat(rejects).extracting(r -> r.get("reason").asText()).containsExactly(
        "purchaseAmountFen '12.50' is not a whole number of fen (amounts are integer fen: 1 yuan = 100 fen)",
        "negative purchaseAmountFen -100",
        "subsidyAmountFen 1001 is above purchaseAmountFen 1000",
        "unknown category 'PHONE'; one of AUTO, HOME_APPLIANCE, HOME_FURNISHING, DIGITAL, E_BIKE, OTHER",
        "eventTime '2024-10-02 10:00:00' has no offset; write it as UTC with Z or with its offset, e.g. +08:00",
        "version 'abc' is not a whole number",
        "9 fields where the header has 10 columns",
        "orderId is missing");
    assertThat(rejects.get(0).get("file").asText()).isEqualTo(file.toString());
    assertThat(rejects.get(0).get("raw").asText())
        .isEqualTo("O-4,1,CH-TI-HA-2024,DIGITAL,PAID,12.50,0,M-020,,2024-10-02T10:00:00Z");
    assertThat(result.rejectsFile()).isEqualTo(Rejects.defaultPath(file));
    assertThat(result.firstRejects()).first().isEqualTo(file + ":7: purchaseAmountFen '12.50' is not a whole "
        + "number of fen (amounts are integer fen: 1 yuan = 100 fen)");
    assertThat(result.isClean()).isFalse();
  }

  @Test
  void readsGzipAndKeepsEachEventsOwnTimeAsItsTimestamp() throws IOException {
    // Given the gzip sample of fair sales
    Path file = Samples.copy(dir, "fair-sales.csv.gz");

    // When ingested
    FileResult result = ingest(file);

    // Then it was read through gzip, the sales carry their event times, epoch seconds are refused
    assertThat(result.gzip()).isTrue();
    assertThat(result.valid(EventKind.FAIR_SALES)).isEqualTo(2);
    assertThat(sink.events.get(0).timestampMs()).isEqualTo(Instant.parse("2024-05-01T02:00:00Z").toEpochMilli());
    assertThat(rejectsOf(file)).extracting(r -> r.get("reason").asText()).containsExactly(
        "negative amountFen -1",
        "eventTime 1714535400 is before 1973 as epoch milliseconds (epoch seconds? multiply by 1000)");
  }

  @Test
  void recognisesGzipByItsMagicBytesWhateverTheName() throws IOException {
    // Given gzip content named .csv
    Path file = Samples.gzip(dir, "visits.csv", "fairId,campaignId,gateId,visitors,eventTime\n"
        + "F-1,C-1,G-1,10,2024-10-01T02:00:00Z\n");

    // When ingested; Then it is read as gzip
    FileResult result = ingest(file);
    assertThat(result.gzip()).isTrue();
    assertThat(result.valid(EventKind.FAIR_VISITS)).isEqualTo(1);
    assertThat(((FairVisit) sink.events.get(0).value()).getVisitors()).isEqualTo(10);
  }

  @Test
  void readsAFileWithByteOrderMarkAndCrlf() throws IOException {
    // Given an Excel-style export: BOM and CRLF line ends
    Path file = Samples.copy(dir, "orders-bom.csv");

    // When ingested; Then the header is recognised and both rows are sent
    FileResult result = ingest(file);
    assertThat(result.isClean()).isTrue();
    assertThat(sink.events).extracting(SimEvent::key).containsExactly("O-20", "O-21");
    assertThat(Rejects.defaultPath(file)).doesNotExist();
  }

  @Test
  void aWrongHeaderStopsTheFileNamingTheMissingAndUnknownColumns() throws IOException {
    // Given a header with subsidyAmount for subsidyAmountFen
    Path file = Samples.copy(dir, "bad-header.csv");

    // When ingested
    FileResult result = ingest(file);

    // Then nothing is sent, the failure names both columns, and the header is in the rejects file as line 1
    assertThat(sink.events).isEmpty();
    assertThat(result.failure()).startsWith("header: missing columns [subsidyAmountFen]; unknown columns [subsidyAmount]");
    assertThat(result.rejected()).isEqualTo(1);
    List<JsonNode> rejects = rejectsOf(file);
    assertThat(rejects).hasSize(1);
    assertThat(rejects.get(0).get("line").asLong()).isEqualTo(1);
    assertThat(rejects.get(0).get("raw").asText()).startsWith("orderId,version,");
  }

  @Test
  void aHeaderOfAnotherKindThanTheGivenOneIsRefused() throws IOException {
    // Given an orders file ingested as fair-sales; When ingested; Then the header does not fit
    FileResult result = ingest(Samples.copy(dir, "orders-bom.csv"), EventKind.FAIR_SALES, null);
    assertThat(result.failure()).startsWith("header: missing columns [saleId, fairId, amountFen]");
    assertThat(sink.events).isEmpty();
  }

  @Test
  void readsJsonLinesOfMixedKindsLineByLine() throws IOException {
    // Given JSON lines of orders, a gate report and a sale, with bad lines among them
    Path file = Samples.copy(dir, "mixed.jsonl");

    // When ingested
    FileResult result = ingest(file);

    // Then each line told its kind, the good ones went out, and each bad one is rejected with its reason
    assertThat(result.valid()).isEqualTo(Map.of(EventKind.ORDERS, 2L, EventKind.FAIR_VISITS, 1L,
        EventKind.FAIR_SALES, 1L));
    assertThat(sink.events).extracting(SimEvent::stream).containsExactly(SimEvent.Stream.ORDERS,
        SimEvent.Stream.FAIR_VISITS, SimEvent.Stream.FAIR_SALES, SimEvent.Stream.ORDERS);
    assertThat(((TradeInOrder) sink.events.get(0).value()).getStreet()).isNull();
    List<JsonNode> rejects = rejectsOf(file);
    assertThat(rejects).extracting(r -> r.get("line").asLong()).containsExactly(5L, 6L, 7L, 8L, 9L);
    assertThat(rejects.get(0).get("reason").asText()).startsWith("purchaseAmountFen '1999.99' is not a whole number of fen");
    assertThat(rejects.get(1).get("reason").asText()).isEqualTo("negative visitors -3");
    assertThat(rejects.get(2).get("reason").asText()).startsWith("not valid JSON at column 1: Unrecognized token 'not'");
    assertThat(rejects.get(3).get("reason").asText()).startsWith("unknown fields [amountYuan]");
    assertThat(rejects.get(4).get("reason").asText()).startsWith("cannot tell orders, fair-visits or fair-sales");
  }

  @Test
  void aGivenKindAppliesToEveryJsonLine() throws IOException {
    // Given mixed JSON lines ingested as orders; When ingested
    FileResult result = ingest(Samples.copy(dir, "mixed.jsonl"), EventKind.ORDERS, null);

    // Then the lines of other kinds are rejected for their fields
    assertThat(result.valid()).isEqualTo(Map.of(EventKind.ORDERS, 2L));
    assertThat(result.firstRejects()).anySatisfy(r -> assertThat(r).contains(":2: missing fields [orderId, version"));
  }

  @Test
  void anExplicitFormatReadsAFileWhateverItsName() throws IOException {
    // Given JSON lines in a .txt file; When ingested with --format jsonl; Then it is read
    Path file = Samples.write(dir, "export.txt", "{\"fairId\":\"F-1\",\"campaignId\":\"C-1\",\"gateId\":\"G-1\","
        + "\"visitors\":5,\"eventTime\":\"2024-10-01T02:00:00Z\"}\n");
    assertThat(ingest(file, null, EventFileFormat.JSONL).valid(EventKind.FAIR_VISITS)).isEqualTo(1);
  }

  @Test
  void anUnclosedQuoteIsOneRejectedRecordAtTheEnd() throws IOException {
    // Given a row whose quoted street is never closed
    Path file = Samples.write(dir, "open.csv", Samples.ORDERS_HEADER + "\n"
        + "O-1,1,C-1,AUTO,PAID,100,0,M-1,,2024-10-01T02:00:00Z\n"
        + "O-2,1,C-1,AUTO,PAID,100,0,M-1,\"oops,2024-10-01T02:00:00Z\n"
        + "O-3,1,C-1,AUTO,PAID,100,0,M-1,,2024-10-01T02:00:00Z\n");

    // When ingested; Then the row before it is sent, and the rest is one reject starting at its line
    FileResult result = ingest(file);
    assertThat(sink.events).extracting(SimEvent::key).containsExactly("O-1");
    assertThat(result.firstRejects()).containsExactly(file + ":3: quoted field not closed before the end of the file");
  }

  @Test
  void aRejectsFileFromAnEarlierRunIsReplaced() throws IOException {
    // Given a rejects file left by an earlier run of a file that is now clean
    Path file = Samples.copy(dir, "orders-bom.csv");
    Files.writeString(Rejects.defaultPath(file), "stale\n");

    // When ingested; Then the stale rejects are gone
    ingest(file);
    assertThat(Rejects.defaultPath(file)).doesNotExist();
  }

  @Test
  void aStopRequestEndsTheFileAfterTheCurrentRow() throws IOException {
    // Given an ingest whose sink asks it to stop at the first event
    Path file = Samples.copy(dir, "orders-bom.csv");
    FileIngest[] ingest = new FileIngest[1];
    RecordingSink stopping = new RecordingSink() {
      @Override
      public void send(SimEvent event) {
        super.send(event);
        ingest[0].requestStop();
      }
    };
    ingest[0] = new FileIngest(null, null, stopping, IngestProgress.none());

    // When ingested
    FileResult result;
    try (Rejects rejects = Rejects.besideInput(file)) {
      result = ingest[0].ingest(file, rejects);
    }

    // Then one row was sent, and the result says where it stopped
    assertThat(stopping.events).hasSize(1);
    assertThat(result.stopped()).isTrue();
    assertThat(result.lastLine()).isEqualTo(2);
    assertThat(result.endsTheRun()).isTrue();
  }

  @Test
  void aSinkThatCannotSendEndsTheRun() throws IOException {
    // Given a sink whose broker is gone
    Path file = Samples.copy(dir, "orders-bom.csv");
    RecordingSink failing = new RecordingSink() {
      @Override
      public void send(SimEvent event) {
        throw new IllegalStateException("broker unavailable");
      }
    };

    // When ingested; Then the failure is reported with its line and the run must not go on
    FileResult result;
    try (Rejects rejects = Rejects.besideInput(file)) {
      result = new FileIngest(null, null, failing, IngestProgress.none()).ingest(file, rejects);
    }
    assertThat(result.sendFailure()).isEqualTo("line 2: broker unavailable");
    assertThat(result.endsTheRun()).isTrue();
  }

  @Test
  void aTruncatedGzipIsAFailureAfterTheRowsReadSoFar() throws IOException {
    // Given a gzip file cut in the middle
    StringBuilder csv = new StringBuilder("fairId,campaignId,gateId,visitors,eventTime\n");
    for (int i = 0; i < 5_000; i++) {
      csv.append("F-1,C-1,G-").append(i).append(",10,2024-10-01T02:00:00Z\n");
    }
    Path whole = Samples.gzip(dir, "whole.csv.gz", csv.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

    // When ingested; Then what was read is sent and the failure says where reading broke off
    FileResult result = ingest(cut);
    assertThat(result.validTotal()).isPositive().isLessThan(5_000);
    assertThat(result.failure()).startsWith("cannot read " + cut + " after line ");
  }
}
