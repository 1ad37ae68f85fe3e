package io.campaignpulse.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code campaign-pulse bench query}: latency and requests/s of the campaign detail endpoint under concurrent load
 * while the pipeline ingests, next to {@code /health}, wrk and Kafka's ProducerPerformance; see
 * {@link QueryBenchmark}.
 */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Query latency (p50/p90/p99/p99.9/max) and requests/s of GET /api/campaigns/{id} on the running "
        + "app (PipelineService: the exactly_once_v2 pipeline and its Javalin API) while it ingests orders at a "
        + "fixed rate: a history of order events is pre-produced and consumed first, then closed-loop clients on "
        + "127.0.0.1 each request a random campaign for a warm-up and a measured window. Every response must be 200 "
        + "and parse as the requested campaign, else the run FAILS (exit 1). Baselines in the same run: /health with "
        + "the same generator, wrk against both endpoints when installed, Kafka's ProducerPerformance on the same "
        + "broker.",
        "Starts a KRaft broker and a schema registry on 127.0.0.1 unless --bootstrap-servers and "
            + "--schema-registry-url are given."})
public final class QueryBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  PipelineOptions pipelineOptions = new PipelineOptions();

  @Mixin
  ServiceOptions services = new ServiceOptions();

  @Option(names = "--history-events", paramLabel = "N", defaultValue = "200000",
      description = "Order events pre-produced and consumed before the queries (default: ${DEFAULT-VALUE}).")
  long historyEvents;

  @Option(names = "--campaigns", paramLabel = "N", defaultValue = "20",
      description = "Campaigns the orders spread over, and the queries pick from (default: ${DEFAULT-VALUE}).")
  int campaigns;

  @Option(names = "--ingest-rate", paramLabel = "ORDERS_PER_S", defaultValue = "2000",
      description = "Orders per second sent during every query phase; 0: none (default: ${DEFAULT-VALUE}).")
  int ingestRate;

  @Option(names = {"-c", "--connections"}, paramLabel = "C", defaultValue = "16",
      description = "Concurrent keep-alive connections, one closed-loop client each (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
      description = "Measured window of each phase (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "5",
      description = "Warm-up before each window, not counted (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--no-wrk", negatable = false,
      description = "Skip the wrk baseline even when wrk is installed.")
  boolean noWrk;

  @Option(names = "--seed", defaultValue = "2024", description = "Workload seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    QueryBenchmark.Plan plan = plan();
    QueryReport report;
    try (BenchServices started = services.startOrConnect(plan.partitions())) {
      report = new QueryBenchmark(plan, started, System.out).run();
    }
    System.out.println();
    System.out.print(report.render());
    if (!report.passed()) {
      spec.commandLine().getErr().println("campaign-pulse bench: FAILED: some responses were not 200 or not the "
          + "requested campaign (see errors above)");
      return 1;
    }
    return 0;
  }

  /** The validated plan. */
  QueryBenchmark.Plan plan() {
    services.validate();
    if (historyEvents < 1 || historyEvents > OrderWorkload.MAX_EVENTS) {
      throw new ParameterException(spec.commandLine(),
          "--history-events must be between 1 and " + OrderWorkload.MAX_EVENTS);
    }
    if (campaigns < 1 || campaigns > 9_999 || connections < 1 || connections > 10_000 || seconds < 1
        || warmupSeconds < 0 || ingestRate < 0 || !pipelineOptions.valid()) {
      throw new ParameterException(spec.commandLine(), "--campaigns (at most 9,999), --connections (at most "
          + "10,000), --seconds, --partitions and --replication-factor must be positive; --warmup-seconds, "
          + "--ingest-rate and --commit-interval-ms not negative");
    }
    int orders = (int) Math.max(1, Math.round(historyEvents * 0.35));
    PipelineOptions p = pipelineOptions;
    return new QueryBenchmark.Plan(historyEvents, orders, campaigns, p.partitions, p.replicationFactor, seed,
        ingestRate, connections, warmupSeconds, seconds, p.commitIntervalMs, !noWrk, p.clientConfig,
        services.workDir());
  }
}
