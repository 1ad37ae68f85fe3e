package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.streams.query.CampaignView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The small parts of {@code bench replay}: its options, the totals it compares, its figures and their rendering. */
class ReplayBenchPartsTest {

  private static ReplayBenchPlan plan(String... args) {
    ReplayBenchCommand command = new ReplayBenchCommand();
    new CommandLine(command).parseArgs(args);
    return command.plan();
  }

  @Test
  void defaultsAreTwoMillionEventsOnOneStreamThread() {
    ReplayBenchPlan p = plan();
    assertThat(p.events()).isEqualTo(2_000_000);
    assertThat(p.orders()).isEqualTo(700_000);
    assertThat(p.campaigns()).isEqualTo(20);
    assertThat(p.threads()).as("a replay runs one stream thread").isEqualTo(1);
    assertThat(p.commitIntervalMs()).isEqualTo(100);
    assertThat(p.preset()).isNull();
    assertThat(p.consumerPerf()).isTrue();
    assertThat(p.start()).isEqualTo(StreamsBenchmark.WORKLOAD_START);
    assertThat(p.knobs()).isEqualTo("threads=1, commit.interval.ms=250"); // the replay's shortest
    assertThat(plan("--commit-interval-ms", "2500").knobs()).isEqualTo("threads=1, commit.interval.ms=2500");
  }

  @Test
  void theDistrictPresetIsTheWholeOf2024() {
    ReplayBenchPlan p = plan("--district-2024", "--events", "5");
    assertThat(p.preset()).isEqualTo("district-2024");
    assertThat(p.events()).isEqualTo(60_000);
    assertThat(p.orders()).isEqualTo(36_000);
    assertThat(p.campaigns()).isEqualTo(12);
    assertThat(p.start()).isEqualTo(Instant.parse("2023-12-31T16:00:00Z"));
    assertThat(p.days()).isEqualTo(366);
    assertThat(p.workloadSpec().orders()).isEqualTo(36_000);
  }

  @Test
  void knobsListTheOverridesInKeyOrder() {
    ReplayBenchPlan p = plan("--commit-interval-ms", "1000", "-S", "statestore.cache.max.bytes=0",
        "-S", "consumer.max.poll.records=5000", "--skip-consumer-perf");
    assertThat(p.knobs()).isEqualTo("threads=1, commit.interval.ms=1000, consumer.max.poll.records=5000, "
        + "statestore.cache.max.bytes=0");
    assertThat(p.streamsProperties()).containsEntry("consumer.max.poll.records", "5000");
    assertThat(p.consumerPerf()).isFalse();
  }

  @Test
  void refusesCountsThatDoNotFit() {
    assertThatThrownBy(() -> plan("--rounds", "0")).isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> plan("--commit-interval-ms", "0")).isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> plan("--events", "100", "--orders", "10"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--orders");
  }

  @Test
  void theReplaysViewsBecomeTheReferenceFigures() {
    CampaignView counted = new CampaignView("TI-01", "n", "TRADE_IN", "r", 100L, 3, 1, 900, 800, 100, 2, 70, 5, 9,
        null, null);
    CampaignView defined = new CampaignView("TI-02", "n", "TRADE_IN", "r", 100L, 0, 0, 0, 0, 0, 0, 0, 0, 0, null,
        null);
    Map<String, StreamsReference.Figures> figures = ReplayTotals.of(List.of(counted, defined));
    assertThat(figures).containsEntry("TI-01", new StreamsReference.Figures(3, 1, 800, 900, 70, 5))
        .containsEntry("TI-02", StreamsReference.Figures.ZERO);
    assertThat(StreamsReference.agree(Map.of("TI-01", new StreamsReference.Figures(3, 1, 800, 900, 70, 5)),
        figures)).isTrue();
  }

  private static ReplayReport report(String preset, ConsumerPerfRun.Summary consumer) {
    ReplayReport.Setup setup = new ReplayReport.Setup(LocalDate.of(2026, 11, 30), preset, 60_000, 36_000, 12, 600,
        500, 2024, 6, "threads=2, commit.interval.ms=100", "local", 2, 10, 68);
    // 60,021 records: 10 s in all, 2 s to RUNNING, so 8 s after start-up
    ReplayReport.Run run = new ReplayReport.Run(60_021, 10.0, 2.0, 2.5, 12.0, 2, 6.0, 4.0, 12, 0, 0, 3);
    return new ReplayReport(setup, new Throughput(60_000, 30_000, 2.2), consumer, List.of(run));
  }

  @Test
  void ratiosCompareTheReplayAfterStartUpWithTheToolsFetchRate() {
    ConsumerPerfRun.Summary consumer = new ConsumerPerfRun.Summary(60_000, 4.5, 40_000.0, 1_000, 500, 120_000.0,
        9.0);
    ReplayReport r = report("district-2024", consumer);
    assertThat(r.replay().afterStartupSeconds()).isEqualTo(8.0);
    ReplayReport.Run earlyCommit = new ReplayReport.Run(10, 10.0, 4.0, 3.0, 1, 1, 1, 1, 1, 0, 0, 0);
    assertThat(earlyCommit.startupSeconds()).isEqualTo(3.0);
    assertThat(earlyCommit.afterStartupSeconds()).isEqualTo(7.0);
    assertThat(r.replay().recordsPerSecAfterStartup()).isEqualTo(60_021 / 8.0);
    assertThat(r.replay().recordsPerSec()).isEqualTo(6_002.1);
    assertThat(r.ratio()).isEqualTo(60_021 / 8.0 / 120_000.0);
    assertThat(r.ratioWithStartup()).isEqualTo(6_002.1 / 40_000.0);
    assertThat(r.districtGoalMet()).isFalse();

    String text = r.render();
    assertThat(text).contains("| replay, after start-up (RUNNING or first commit, until counted) | 60,021 | 8.00 | 7,503 | |")
        .contains("| Kafka ConsumerPerformance, the input topic, fetch time | 60,000 | 0.50 | 120,000 | 0.063 |")
        .contains("district-2024: the whole year (60,021 records) replayed in 8.00 s after start-up (goal: under "
            + "5 s): NOT MET; 10.00 s in all");

    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("replayRecordsPerSecAfterStartup", 7503.0).containsEntry("ratio", 0.0625)
        .containsEntry("replayAfterStartupSeconds", 8.0).containsEntry("districtGoalMet", false)
        .containsEntry("totalsExact", true);
  }

  @Test
  void laterRoundsAreWarmAndEachHasItsRatio() {
    ConsumerPerfRun.Summary consumer = new ConsumerPerfRun.Summary(60_000, 4.5, 40_000.0, 1_000, 500, 120_000.0,
        9.0);
    ReplayReport one = report("district-2024", consumer);
    ReplayReport.Run warm = new ReplayReport.Run(60_021, 3.0, 1.0, 1.1, 4.0, 2, 2.0, 1.0, 12, 0, 0, 3);
    ReplayReport r = new ReplayReport(one.setup(), one.preload(), consumer, List.of(one.replay(), warm));
    assertThat(r.replay()).isSameAs(one.replay());
    assertThat(r.districtGoalMet(warm)).isTrue();
    assertThat(r.ratio(warm)).isEqualTo(60_021 / 2.0 / 120_000.0);
    assertThat(r.render()).contains("| replay round 2 (warm JVM), after start-up (RUNNING or first commit, until counted) | 60,021 "
        + "| 2.00 | 30,011 | |").contains("| 0.063 / 0.250 |")
        .contains("- round 2: district-2024: the whole year (60,021 records) replayed in 2.00 s after start-up "
            + "(goal: under 5 s): MET; 3.00 s in all");
    assertThat(r.json()).containsEntry("ratio", 0.0625).containsKey("rounds");
    assertThat((List<?>) r.json().get("rounds")).hasSize(2);
    assertThat(plan("--rounds", "3").rounds()).isEqualTo(3);
    assertThatThrownBy(() -> plan("--rounds", "0")).isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void withoutConsumerPerformanceThereIsNoRatio() {
    ReplayReport r = report(null, null);
    assertThat(r.ratio()).isNaN();
    assertThat(r.districtGoalMet()).isNull();
    assertThat(r.render()).contains("n/a (ConsumerPerformance skipped)").doesNotContain("district-2024:");
    assertThat(r.json()).doesNotContainKey("ratio").containsEntry("districtGoalMet", null);
  }

  @Test
  void streamThreadsAreMatchedWithoutTheirConsumersNetworkThreads() {
    assertThat(ThreadCpu.STREAM_THREADS.matcher("campaign-pulse-replay.x.baseline-3f2a-StreamThread-1").matches())
        .isTrue();
    assertThat(ThreadCpu.STREAM_THREADS.matcher(
        "kafka-consumer-network-thread | campaign-pulse-replay.x.baseline-3f2a-StreamThread-1-consumer").matches())
        .isFalse();
  }
}
