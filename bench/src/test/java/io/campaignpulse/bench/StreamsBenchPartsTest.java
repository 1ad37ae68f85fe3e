package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The small parts of {@code bench streams}: probe keys, percentiles, the tool's summary, the report. */
class StreamsBenchPartsTest {

  @Test
  void probeKeysLandOnTheChosenPartitionAsTheJavaProducerPartitionsThem() {
    for (int partitions : new int[] {1, 3, 6, 12}) {
      for (int k = 1; k <= 200; k++) {
        String key = ProbeKeys.key(k, partitions - 1, partitions);
        assertThat(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions))
            .isEqualTo(partitions - 1);
        assertThat(ProbeKeys.partitionOf(key, partitions)).isEqualTo(partitions - 1);
      }
    }
    assertThat(ProbeKeys.key(1, 0, 6)).startsWith("PROBE-0000001");
  }

  @Test
  void percentilesByNearestRank() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i; // 1..100, unsorted
    }
    Percentiles p = Percentiles.of(v);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p90()).isEqualTo(90);
    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.max()).isEqualTo(100);
    assertThat(Percentiles.of(new double[] {7}).p99()).isEqualTo(7);
    assertThat(Percentiles.of(new double[0]).count()).isZero();
  }

  @Test
  void probeEveryRoundsTheIntervalToEventsAtTheOfferedRate() {
    assertThat(LatencyPhase.probeEvery(10_000, 10)).isEqualTo(100);
    assertThat(LatencyPhase.probeEvery(50, 10)).isEqualTo(1);
    assertThat(LatencyPhase.probeEvery(2_000, 10)).isEqualTo(20);
  }

  @Test
  void readsConsumerPerformancesSummaryInAnyLocale() {
    String output = """
        start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, \
        fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        2026-01-02 10:00:00:000, 2026-01-02 10:00:05:000, 160.2185, 32.0437, 2000000, 400000.0000, 3000, 2000, \
        80.1093, 1000000.0000
        """;
    ConsumerPerfRun.Summary s = ConsumerPerfRun.Summary.parse(output).orElseThrow();
    assertThat(s.records()).isEqualTo(2_000_000);
    assertThat(s.recordsPerSec()).isEqualTo(400_000);
    assertThat(s.rebalanceMs()).isEqualTo(3000);
    assertThat(s.fetchMs()).isEqualTo(2000);
    assertThat(s.fetchRecordsPerSec()).isEqualTo(1_000_000);
    assertThat(s.fetchMbPerSec()).isCloseTo(80.1093, within(1e-9));

    String comma = "2026-01-02 10:00:00:000, 2026-01-02 10:00:05:000, 160,2185, 32,0437, 2000000, 400000,0000, 3000, "
        + "2000, 80,1093, 1000000,0000";
    assertThat(ConsumerPerfRun.Summary.parse(comma).orElseThrow().fetchMbPerSec()).isCloseTo(80.1093, within(1e-9));
    assertThat(ConsumerPerfRun.Summary.parse("WARNING: Exiting before consuming the expected number")).isEmpty();
  }

  @Test
  void reportShowsTheFiguresAndTheRatios() {
    StreamsReport report = new StreamsReport(
        new StreamsReport.Setup(LocalDate.of(2026, 1, 2), 2_000_000, 700_000, 20, 20_000, 12_345, 2024, 6, 100,
            "the app's streams settings", "local broker", 2, 13.0, 70.0),
        new Throughput(2_000_000, 400_000, 31.7),
        new ConsumerPerfRun.Summary(2_000_000, 158.3, 300_000, 3000, 2000, 1_000_000, 79.2),
        new Throughput(2_000_000, 250_000, 19.8),
        new StreamsReport.Pipeline(1.5, 100.0, 80.0, 2_000_000, 166_000_000, 150.0, 20.0, 20, 0, 31_250,
            40_000, java.util.Map.of("orders-latest-changelog", 2_500_000L)),
        new StreamsReport.Latency(10_000, 20, new LatencyPhase.Result(200_000, 20.0, 2000, 10.0, 0, 6,
            new Percentiles(2000, 120.5, 150.0, 210.25, 300.0), new Percentiles(2000, 130.5, 160.0, 220.0, 310.0),
            null, null), 0.8, 0.3, 21),
        new StreamsReport.Peer(2.5, 50.0, 2_000_000, 60.0, 10.0, 45_000, Double.NaN, 20),
        new StreamsReport.Warmup(1_000_000, 9.5, 80.0, 70.0, 30.0,
            new StreamsReport.Peer(1.5, 40.0, 1_000_000, 40.0, 9.0, 30_000, 35_000, 20)));

    assertThat(report.peerRatio()).isCloseTo(0.5, within(1e-12));
    assertThat(report.producerRatio()).isCloseTo(0.05, within(1e-12));
    assertThat(report.consumerRatio()).isCloseTo(0.02, within(1e-12));
    String text = report.render();
    assertThat(text)
        .contains("2,000,000 TradeInOrder events (700,000 orders, 20 campaigns, 20,000 exact duplicates")
        .contains("record: 13.0 B key + 70.0 B value (Confluent wire format) = 83 B")
        .contains("| pipeline: RUNNING until all input consumed and campaign-totals exact | 20,000 | 1.58 | 100.0 | |")
        .contains("| 400,000 | 31.70 | 5.0 | 0.050 |")
        .contains("| 1,000,000 | 79.20 | 2.0 | 0.020 |")
        .contains("time to RUNNING: 1.50 s")
        .contains("first minute or two is over): 31,250 events/s; the last quarter (closest to steady state): 40,000 events/s")
        .contains("input offsets committed (all 2,000,000 events read by the first stage) 80.0 s after RUNNING = "
            + "25,000 events/s; campaign-totals exact 20.0 s later")
        .doesNotContain("The offered rate is above")
        .contains("this JVM (the streams app) 150.0 s = 75.0 µs/event, broker 20.0 s = 10.0 µs/event; 1.70 of 2 cores")
        .contains("| campaign-totals showing it | 2,000 | 120.5 | 150.0 | 210.3 | 300.0 |")
        .contains("| its budget alert readable on budget-alerts | 2,000 | 130.5 | 160.0 | 220.0 | 310.0 |")
        .contains("| orders-latest-changelog | 2,500,000 | 1.250 |")
        .contains("| straightforward Kafka Streams DSL peer, exactly_once_v2, same input, after the pipeline "
            + "| 40,000 | | 50.0 | 0.500 |")
        .contains("Warm-up first, from cold JVMs: 1,000,000 events of a workload of its own through a throwaway "
            + "pipeline, 12,500 events/s (the cold start: RUNNING after 9.50 s, exact totals 80.0 s later; CPU this "
            + "JVM 70.0 µs/event, broker 30.0 µs/event); then through the DSL peer, 25,000 events/s. The figures "
            + "below are of warm JVMs")
        .contains("RUNNING after 2.50 s; 2,000,000 events (latency-phase orders included) in 50.0 s = 40,000 "
            + "events/s; second half 45,000 events/s, last quarter not measured (committed at once); CPU this JVM "
            + "30.0 µs/event, broker 5.0 µs/event; 20 campaigns equal")
        .contains("PASSED");

    StreamsReport overloaded = new StreamsReport(report.setup(), report.producerPerf(), report.consumerPerf(),
        report.preload(), new StreamsReport.Pipeline(1.5, 400.0, 380.0, 2_000_000, 166_000_000, 150.0, 20.0, 20, 0, 31_250,
            40_000, java.util.Map.of()),
        report.latency(), null, null);
    assertThat(overloaded.render())
        .contains("The offered rate is above the pipeline's throughput measured above (5,000 events/s)");

    StreamsReport committedAtOnce = new StreamsReport(report.setup(), report.producerPerf(), report.consumerPerf(),
        report.preload(), new StreamsReport.Pipeline(1.5, 100.0, 80.0, 2_000_000, 166_000_000, 150.0, 20.0, 20, 0,
            31_250, Double.NaN, java.util.Map.of()), report.latency(), null, null);
    assertThat(committedAtOnce.render()).contains("the last quarter (closest to steady state): not measured")
        .doesNotContain("NaN").doesNotContain("DSL peer")
        .contains("No warm-up: the figures below include the JIT compilation of both JVMs (a cold start).");
    assertThat(committedAtOnce.peerRatio()).isNaN();
  }

  @Test
  void commandLineBuildsThePlanAndMergesTheStreamsSettings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("streams.properties");
    java.nio.file.Files.writeString(file, "num.stream.threads=4\nstatestore.cache.max.bytes=0\n");
    picocli.CommandLine cli = BenchMain.commandLine();
    picocli.CommandLine.ParseResult parsed = cli.parseArgs("streams", "--events", "20000", "--streams-config",
        file.toString(), "--stream-threads", "2", "-S", "statestore.cache.max.bytes=1048576", "--rate", "500");
    StreamsBenchCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();

    StreamsBenchmark.Plan plan = command.plan();

    assertThat(plan.events()).isEqualTo(20_000);
    assertThat(plan.orders()).isEqualTo(7_000); // 35% of the events
    assertThat(plan.campaigns()).isEqualTo(20);
    assertThat(plan.partitions()).isEqualTo(6);
    assertThat(plan.commitIntervalMs()).isEqualTo(100);
    assertThat(plan.latency()).isEqualTo(new LatencyPhase.Plan(500, 20, 10));
    assertThat(plan.streamsProperties()).containsOnly(java.util.Map.entry("num.stream.threads", "2"),
        java.util.Map.entry("statestore.cache.max.bytes", "1048576"));
    assertThat(plan.ordersFromInput()).as("the app's default").isTrue();
    assertThat(plan.peer()).isTrue();

    StreamsBenchCommand other = BenchMain.commandLine().parseArgs("streams", "--no-orders-state-from-input",
        "--no-peer").subcommand().commandSpec().commandLine().getCommand();
    assertThat(other.plan().ordersFromInput()).isFalse();
    assertThat(other.plan().peer()).isFalse();
  }

  @Test
  void prefixedTopicNamesCoverEveryTopic() {
    io.campaignpulse.contract.TopicNames names = StreamsBenchmark.prefixed("bench-x-");
    assertThat(names.all()).hasSameSizeAs(io.campaignpulse.contract.TopicNames.defaults().all())
        .allSatisfy(n -> assertThat(n).startsWith("bench-x-"));
    assertThat(names.orders()).isEqualTo("bench-x-tradein-orders");
  }
}
