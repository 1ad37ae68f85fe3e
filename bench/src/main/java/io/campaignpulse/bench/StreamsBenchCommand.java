package io.campaignpulse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code campaign-pulse bench streams}: the real topology on a real broker, throughput and latency, next to Kafka's
 * ProducerPerformance and ConsumerPerformance in the same run; see {@link StreamsBenchmark}.
 */
@Command(name = "streams", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Throughput and end-to-end latency of the streams pipeline (the app's PipelineService, "
        + "exactly_once_v2) on a real broker and registry: a deterministic workload of trade-in order events is "
        + "pre-produced, the pipeline is timed from RUNNING until it has consumed everything and campaign-totals "
        + "equals an independent reference model for every campaign (the run FAILS, exit 1, otherwise); then a "
        + "paced producer measures the latency of probe orders. Kafka's ProducerPerformance and "
        + "ConsumerPerformance run on the same broker for comparison.",
        "Starts a KRaft broker and a schema registry on 127.0.0.1 unless --bootstrap-servers and "
            + "--schema-registry-url are given."})
public final class StreamsBenchCommand implements Callable<Integer> {

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
      description = "Distinct orders, 1-4 versions each (default: 35%% of --events, i.e. 700,000 for 2,000,000).")
  int orders;

  @Option(names = "--campaigns", paramLabel = "N", defaultValue = "20",
      description = "Trade-in campaigns the orders spread over (default: ${DEFAULT-VALUE}; a probe campaign is "
          + "added).")
  int campaigns;

  @Option(names = "--seed", defaultValue = "2024", description = "Workload seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "10000",
      description = "Events per second the paced producer offers in the latency phase (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "20",
      description = "Length of the latency phase; 0 skips it (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--probe-interval-ms", paramLabel = "MS", defaultValue = "10",
      description = "A latency probe every this many milliseconds of the paced stream (default: ${DEFAULT-VALUE}).")
  int probeIntervalMs;

  @Option(names = "--stream-threads", paramLabel = "N",
      description = "num.stream.threads of the pipeline and the DSL peer, as the app's --stream-threads (default: the "
          + "app's, 1).")
  Integer streamThreads;

  @Option(names = "--streams-config", paramLabel = "FILE",
      description = "Properties file of Kafka Streams settings for the pipeline only, applied after the app's own "
          + "(any setting, e.g. statestore.cache.max.bytes, processing.guarantee).")
  Path streamsConfig;

  @Option(names = {"-S", "--streams-property"}, paramLabel = "KEY=VALUE",
      description = "One Kafka Streams setting for the pipeline, after --streams-config and --stream-threads "
          + "(repeatable).")
  Map<String, String> streamsProperties = new LinkedHashMap<>();

  @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "1800",
      description = "Give up (and fail) when the totals are not exact this long after RUNNING (default: "
          + "${DEFAULT-VALUE}); a run without progress for " + StreamsBenchmark.STALL_SECONDS + " s fails earlier.")
  long timeoutSeconds;

  @Option(names = "--peer", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "After the pipeline, run the issue's straightforward Kafka Streams DSL peer (latest version per "
          + "order as a KTable, re-grouped by campaign with a subtractor; exactly_once_v2) on the same input and "
          + "report the ratio; --no-peer skips it (default: on).")
  boolean peer;

  @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "1000000",
      description = "Before the measured runs, this many events of a workload of their own (own seed and topics) "
          + "through a throwaway pipeline and the DSL peer, so the measured runs see warm JVMs, as a long-running "
          + "app and broker are; the warm-up pipeline's rate is reported as the cold start; 0 skips the warm-up "
          + "(default: ${DEFAULT-VALUE}).")
  long warmupEvents;

  @Option(names = "--orders-state-from-input", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run the pipeline as the app's --orders-state-from-input does (its default): orders-latest-store "
          + "restored from the orders topic, without a changelog topic of its own; --no-orders-state-from-input "
          + "gives it its own changelog (default: ${DEFAULT-VALUE}, as the app).")
  boolean ordersStateFromInput;

  @Override
  public Integer call() {
    StreamsBenchmark.Plan plan = plan();
    try (BenchServices started = services.startOrConnect(plan.partitions())) {
      StreamsReport report = new StreamsBenchmark(plan, started, System.out).run();
      System.out.println();
      System.out.print(report.render());
    }
    return 0;
  }

  /** The validated plan. */
  StreamsBenchmark.Plan plan() {
    services.validate();
    if (events < 1 || events > OrderWorkload.MAX_EVENTS) {
      throw new ParameterException(spec.commandLine(), "--events must be between 1 and " + OrderWorkload.MAX_EVENTS);
    }
    if (campaigns < 1 || campaigns > 9_999 || !pipelineOptions.valid() || rate < 1
        || latencySeconds < 0 || probeIntervalMs < 1 || timeoutSeconds < 1
        || (streamThreads != null && streamThreads < 1) || warmupEvents < 0
        || warmupEvents > OrderWorkload.MAX_EVENTS) {
      throw new ParameterException(spec.commandLine(), "--campaigns (at most 9,999), --partitions, "
          + "--replication-factor, --rate, --probe-interval-ms, --timeout-seconds and --stream-threads must be "
          + "positive; --latency-seconds, --warmup-events and --commit-interval-ms not negative");
    }
    int orderCount = orders > 0 ? orders : (int) Math.max(1, Math.round(events * 0.35));
    try {
      new OrderWorkload.Spec(events, orderCount, StreamsBenchmark.DUPLICATE_SHARE,
          StreamsBenchmark.OUT_OF_ORDER_SHARE, StreamsBenchmark.WORKLOAD_START, StreamsBenchmark.WORKLOAD_DAYS, "TI",
          seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--orders: " + e.getMessage());
    }
    Map<String, String> pipeline = new LinkedHashMap<>();
    if (streamsConfig != null) {
      pipeline.putAll(load(streamsConfig));
    }
    if (streamThreads != null) {
      pipeline.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads.toString());
    }
    pipeline.putAll(streamsProperties);
    PipelineOptions p = pipelineOptions;
    return new StreamsBenchmark.Plan(events, orderCount, campaigns, p.partitions, p.replicationFactor, seed,
        new LatencyPhase.Plan(rate, latencySeconds, probeIntervalMs), p.commitIntervalMs, Map.copyOf(pipeline),
        p.clientConfig, Duration.ofSeconds(timeoutSeconds), services.workDir(), peer, warmupEvents,
        ordersStateFromInput);
  }

  private Map<String, String> load(Path file) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read --streams-config " + file + ": " + e.getMessage());
    }
    Map<String, String> map = new TreeMap<>();
    props.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }
}
