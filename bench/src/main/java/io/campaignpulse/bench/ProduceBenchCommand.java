package io.campaignpulse.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code campaign-pulse bench produce}: producer throughput of the Avro path through the registry serde against
 * Kafka's {@code ProducerPerformance}, same broker, same settings, same record size; see {@link ProduceBenchmark}.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = {"Producer throughput of TradeInOrder records through the Avro registry serde, next to Kafka's "
        + "ProducerPerformance in the same JVM with the same record size and producer settings; prints both and "
        + "the ratio ours/Kafka.",
        "Starts a KRaft broker and a schema registry on 127.0.0.1 unless --bootstrap-servers and "
            + "--schema-registry-url are given."})
public final class ProduceBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ServiceOptions services = new ServiceOptions();

  @Option(names = "--records", paramLabel = "N", defaultValue = "500000",
      description = "Records per measured run (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--warmup-records", paramLabel = "N", defaultValue = "-1",
      description = "Records per warm-up run, one per side and compression (default: as --records).")
  long warmupRecords;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "6",
      description = "Partitions of each fresh bench topic (default: ${DEFAULT-VALUE}, as the pipeline's topics).")
  int partitions;

  @Option(names = "--rounds", paramLabel = "R", defaultValue = "4",
      description = "Measured rounds, at least 2; each runs both sides per compression, ours first in odd rounds "
          + "and Kafka's first in even ones (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--compression", paramLabel = "TYPE", split = ",", defaultValue = "lz4,none",
      description = "Compression types to compare, one table row each (default: ${DEFAULT-VALUE}; lz4 is the "
          + "project's setting, none compares like with like).")
  List<String> compressions;

  @Option(names = "--seed", defaultValue = "2024", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    validate();
    long warmup = warmupRecords >= 0 ? warmupRecords : records;
    ProduceBenchmark.Plan plan = new ProduceBenchmark.Plan(records, warmup, partitions, rounds,
        List.copyOf(compressions), seed);
    try (BenchServices started = services.startOrConnect(partitions)) {
      ProduceReport report = new ProduceBenchmark(plan, started, System.out).run();
      System.out.println();
      System.out.print(report.render());
    }
    return 0;
  }

  private void validate() {
    services.validate();
    if (records < 1 || partitions < 1 || rounds < 2) {
      throw new ParameterException(spec.commandLine(),
          "--records and --partitions must be positive and --rounds at least 2");
    }
    for (String c : compressions) {
      if (!ProducerSettings.COMPRESSION_TYPES.contains(c)) {
        throw new ParameterException(spec.commandLine(),
            "unknown compression '" + c + "'; one of " + ProducerSettings.COMPRESSION_TYPES);
      }
    }
  }
}
