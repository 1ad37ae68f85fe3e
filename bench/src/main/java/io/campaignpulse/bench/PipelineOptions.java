package io.campaignpulse.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the benchmarks that run the app's pipeline: its topics, commit interval and client settings. */
public final class PipelineOptions {

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "6",
      description = "Partitions of the pipeline's topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", paramLabel = "R", defaultValue = "1",
      description = "Replication factor of the pipeline's topics (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "100",
      description = "The pipeline's commit.interval.ms, as the app's --commit-interval-ms (default: "
          + "${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(names = "--client-config", paramLabel = "FILE",
      description = "Kafka client properties for every client of the run (as the app's --client-config), e.g. "
          + "SASL/TLS for --bootstrap-servers; Kafka's perf tools do not get them.")
  Path clientConfig;

  /** Whether the numbers are in range: partitions and replication factor positive, commit interval not negative. */
  boolean valid() {
    return partitions >= 1 && replicationFactor >= 1 && commitIntervalMs >= 0;
  }
}
