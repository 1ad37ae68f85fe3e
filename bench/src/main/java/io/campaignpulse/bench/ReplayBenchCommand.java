package io.campaignpulse.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code campaign-pulse bench replay}: the replay engine over a pre-produced history, next to Kafka's
 * ConsumerPerformance over the same topic in the same run; see {@link ReplayBenchmark}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Throughput of a replay (the replay module's Replay: the live topology, at-least-once, "
        + "in-memory stores, under its own application id) over a pre-produced deterministic history of trade-in "
        + "order events, all campaigns, no time range. Timed from the run call and from the replay's streams app "
        + "reaching RUNNING until the replay has counted everything; its totals must equal an independent reference "
        + "model for every campaign (the run FAILS, exit 1, otherwise). Kafka's ConsumerPerformance reads the same "
        + "input topic first, for the ratio.",
        "Starts a KRaft broker and a schema registry on 127.0.0.1 unless --bootstrap-servers and "
            + "--schema-registry-url are given."})
public final class ReplayBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  PipelineOptions pipelineOptions = new PipelineOptions();

  @Mixin
  ServiceOptions services = new ServiceOptions();

  @Option(names = "--events", paramLabel = "N", defaultValue = "2000000",
      description = "Order events pre-produced, duplicates included (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--orders", paramLabel = "N", defaultValue = "-1",
      description = "Distinct orders, 1-4 versions each (default: 35%% of --events).")
  int orders;

  @Option(names = "--campaigns", paramLabel = "N", defaultValue = "20",
      description = "Trade-in campaigns the orders spread over (default: ${DEFAULT-VALUE}).")
  int campaigns;

  @Option(names = "--seed", defaultValue = "2024", description = "Workload seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--district-2024",
      description = "The issue's goal size: a district's whole 2024, " + ReplayBenchPlan.DISTRICT_ORDERS
          + " orders in " + ReplayBenchPlan.DISTRICT_EVENTS + " order events over the year, "
          + ReplayBenchPlan.DISTRICT_CAMPAIGNS + " campaigns (replaces --events, --orders and --campaigns); the "
          + "goal is under 5 s after start-up.")
  boolean district2024;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
      description = "Replays of the same history, one after the other in this JVM: the first runs cold, later ones "
          + "warm (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = {"-S", "--streams-property"}, paramLabel = "KEY=VALUE",
      description = "A Kafka Streams setting for the replay, given with its client settings (repeatable); the "
          + "replay's own tunables (statestore.cache.max.bytes, consumer.max.poll.records, "
          + "consumer.fetch.max.bytes) yield to it.")
  Map<String, String> streamsProperties = new LinkedHashMap<>();

  @Option(names = "--skip-consumer-perf", description = "Do not run Kafka's ConsumerPerformance (no ratio).")
  boolean skipConsumerPerf;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Where the figures go as JSON (default: replay-bench.json in the run directory under "
          + "--work-dir, else replay-bench-<run id>.json in the current directory).")
  Path json;

  @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "900",
      description = "Fail when the replay has not finished this long after its start (default: ${DEFAULT-VALUE}); "
          + "one without progress for " + ReplayBenchmark.STALL_SECONDS + " s fails earlier.")
  long timeoutSeconds;

  @Override
  public Integer call() {
    ReplayBenchPlan plan = plan();
    try (BenchServices started = services.startOrConnect(plan.partitions())) {
      ReplayReport report = new ReplayBenchmark(plan, started, System.out).run();
      System.out.println();
      System.out.print(report.render());
    }
    return 0;
  }

  /** The validated plan. */
  ReplayBenchPlan plan() {
    services.validate();
    long n = district2024 ? ReplayBenchPlan.DISTRICT_EVENTS : events;
    int c = district2024 ? ReplayBenchPlan.DISTRICT_CAMPAIGNS : campaigns;
    if (n < 1 || n > OrderWorkload.MAX_EVENTS) {
      throw new ParameterException(spec.commandLine(), "--events must be between 1 and " + OrderWorkload.MAX_EVENTS);
    }
    if (c < 1 || c > 9_999 || !pipelineOptions.valid() || pipelineOptions.commitIntervalMs < 1
        || rounds < 1 || timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--campaigns (at most 9,999), --partitions, "
          + "--replication-factor, --commit-interval-ms, --rounds and --timeout-seconds must be positive");
    }
    int orderCount = district2024 ? ReplayBenchPlan.DISTRICT_ORDERS
        : orders > 0 ? orders : (int) Math.max(1, Math.round(n * 0.35));
    ReplayBenchPlan plan = new ReplayBenchPlan(district2024 ? "district-2024" : null, n, orderCount, c,
        pipelineOptions.partitions, pipelineOptions.replicationFactor, seed,
        district2024 ? ReplayBenchPlan.YEAR_2024_START : StreamsBenchmark.WORKLOAD_START,
        district2024 ? ReplayBenchPlan.YEAR_2024_DAYS : StreamsBenchmark.WORKLOAD_DAYS, rounds, 1,
        pipelineOptions.commitIntervalMs, Map.copyOf(streamsProperties), pipelineOptions.clientConfig,
        !skipConsumerPerf, Duration.ofSeconds(timeoutSeconds), services.workDir(), json);
    try {
      plan.workloadSpec();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--orders: " + e.getMessage());
    }
    return plan;
  }
}
