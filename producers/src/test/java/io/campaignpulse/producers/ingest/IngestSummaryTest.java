package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSummaryTest {

  private static FileResult orders() {
    return new FileResult("orders.csv", EventFileFormat.CSV, false, 1_204, Map.of(EventKind.ORDERS, 1_200L), 4,
        1_200, List.of("orders.csv:7: negative purchaseAmountFen -100"), Path.of("orders.csv.rejects.jsonl"), null,
        null, false, 1_206);
  }

  private static FileResult fairs() {
    return new FileResult("fairs.jsonl.gz", EventFileFormat.JSONL, true, 3_000,
        Map.of(EventKind.FAIR_VISITS, 1_000L, EventKind.FAIR_SALES, 2_000L), 0, 3_000, List.of(), null, null, null,
        false, 3_000);
  }

  @Test
  void countsReadSentAndRejectedPerFileAndInTotalWithEachKind() {
    // Given two files' results
    IngestSummary summary = new IngestSummary();
    summary.add(orders());
    summary.add(fairs());

    // When rendered
    String text = summary.render(false);

    // Then each file has a line, and the total adds them up by kind
    assertThat(text).isEqualTo("""
        orders.csv: read 1,204, sent 1,200, rejected 4 (orders.csv.rejects.jsonl)
        fairs.jsonl.gz: read 3,000, sent 3,000, rejected 0
        total: 2 files, read 4,204, sent 4,200 (orders 1,200, fair-visits 1,000, fair-sales 2,000), rejected 4
        """);
    assertThat(summary.isClean()).isFalse();
  }

  @Test
  void aDryRunCountsValidRowsAndSaysNothingWasSent() {
    // Given a dry run's result (nothing acknowledged)
    IngestSummary summary = new IngestSummary();
    FileResult r = fairs();
    summary.add(new FileResult(r.file(), r.format(), r.gzip(), r.read(), r.valid(), 0, 0, List.of(), null, null,
        null, false, r.lastLine()));

    // When rendered; Then "valid" replaces "sent"
    assertThat(summary.render(true)).contains("fairs.jsonl.gz: read 3,000, valid 3,000, rejected 0",
        "dry run: nothing was sent");
    assertThat(summary.isClean()).isTrue();
  }

  @Test
  void aStoppedFileSaysWhereItStoppedAndHowToFinish() {
    // Given a file stopped by a signal
    FileResult r = orders();
    IngestSummary summary = new IngestSummary();
    summary.add(new FileResult(r.file(), r.format(), r.gzip(), 500, Map.of(EventKind.ORDERS, 500L), 0, 500,
        List.of(), null, null, null, true, 502));

    // When rendered; Then it says how to finish
    assertThat(summary.render(false)).contains("stopped after line 502; run the same command again to finish");
    assertThat(summary.isClean()).isFalse();
  }
}
