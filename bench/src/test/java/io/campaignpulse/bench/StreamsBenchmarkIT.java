package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench streams} end to end at a tiny scale, on a KRaft broker and Apicurio Registry started as child
 * processes: the run must finish with the totals equal to the reference model (it throws otherwise) and report
 * sane figures. No timing thresholds: only that the figures exist and hang together.
 */
class StreamsBenchmarkIT {

  @TempDir
  Path temp;

  @Test
  void tinyRunIsExactAndReportsEveryFigure() {
    StreamsBenchmark.Plan plan = new StreamsBenchmark.Plan(20_000, 7_000, 5, 3, (short) 1, 42,
        new LatencyPhase.Plan(2_000, 3, 10), 100, Map.of("num.stream.threads", "2"), null, Duration.ofMinutes(5),
        temp.resolve("work"), true, 5_000, true);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    StreamsReport report;
    try (BenchServices services = BenchServices.startOrConnect(null, null, temp.resolve("services"), 3);
         PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      report = new StreamsBenchmark(plan, services, out).run();
    }
    String text = report.render();
    System.out.println(log.toString(StandardCharsets.UTF_8));
    System.out.println(text);

    StreamsReport.Pipeline p = report.pipeline();
    assertThat(p.events()).isEqualTo(20_000);
    assertThat(p.seconds()).isPositive();
    assertThat(p.inputConsumedSeconds()).isPositive().isLessThanOrEqualTo(p.seconds());
    assertThat(p.secondsToRunning()).isPositive();
    assertThat(p.eventsPerSec()).isPositive();
    assertThat(p.jvmCpuSeconds()).isPositive();
    assertThat(p.brokerCpuSeconds()).isPositive();
    assertThat(p.campaignsChecked()).isEqualTo(5);
    assertThat(p.deadLetters()).isZero();
    assertThat(report.setup().duplicates()).isEqualTo(200);
    assertThat(report.setup().outOfOrderOrders()).isPositive();
    assertThat(report.setup().streamsOverrides())
        .isEqualTo("num.stream.threads=2 (orders-latest-store restored from the orders topic)");
    // the plan's ordersFromInput took effect: orders-latest-store has no changelog topic, the others have theirs
    assertThat(p.written()).doesNotContainKey("orders-latest-store-changelog")
        .containsKey("order-pending-changes-store-changelog").containsKey("campaign-merchants-store-changelog");
    assertThat(report.producerPerf().records()).isEqualTo(20_000);
    assertThat(report.producerPerf().recordsPerSec()).isPositive();
    assertThat(report.consumerPerf().records()).isEqualTo(20_000);
    assertThat(report.consumerPerf().fetchRecordsPerSec()).isPositive();
    assertThat(report.preload().recordsPerSec()).isPositive();
    assertThat(report.producerRatio()).isPositive().isFinite();
    assertThat(report.consumerRatio()).isPositive().isFinite();

    LatencyPhase.Result l = report.latency().result();
    assertThat(l.sent()).isEqualTo(6_000);
    assertThat(l.probes()).isEqualTo(300); // every 20th event at 2,000/s: one per 10 ms
    assertThat(l.latencyMs().count()).isEqualTo(300);
    assertThat(l.latencyMs().p50()).isPositive();
    assertThat(l.latencyMs().p50()).isLessThanOrEqualTo(l.latencyMs().p99());
    assertThat(l.latencyMs().p99()).isLessThanOrEqualTo(l.latencyMs().max());
    assertThat(l.alertLatencyMs().count()).as("every probe crossed its budget threshold and alerted").isEqualTo(300);
    assertThat(l.alertLatencyMs().p50()).isPositive();
    assertThat(l.alertLatencyMs().p99()).isLessThanOrEqualTo(l.alertLatencyMs().max());
    assertThat(report.latency().campaignsChecked()).isEqualTo(6); // the probe campaign too

    StreamsReport.Peer peer = report.peer();
    assertThat(peer.events()).as("the workload and the latency phase's orders").isEqualTo(20_000 + 6_000);
    assertThat(peer.campaignsChecked()).isEqualTo(6);
    assertThat(peer.eventsPerSec()).isPositive();
    assertThat(peer.jvmCpuSeconds()).isPositive();
    assertThat(report.peerRatio()).isPositive().isFinite();
    StreamsReport.Warmup warmup = report.warmup();
    assertThat(warmup.events()).isEqualTo(5_000);
    assertThat(warmup.eventsPerSec()).isPositive();
    assertThat(warmup.peer().events()).isEqualTo(5_000);
    assertThat(warmup.peer().campaignsChecked()).isPositive();

    assertThat(text).contains("PASSED").doesNotContain("NaN");
  }
}
