package io.campaignpulse.bench;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every benchmark for where it runs ({@link BenchServices}): a given cluster and registry, which
 * go together, or a broker and registry started here under a work directory.
 */
public final class ServiceOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Use this cluster instead of starting a broker (needs --schema-registry-url); the run uses fresh "
          + "topic names and deletes them at the end.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Use this Confluent-compatible registry instead of starting one (needs --bootstrap-servers).")
  String schemaRegistryUrl;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where a started broker and registry, and a pipeline's state, live (default: a temporary "
          + "directory, deleted at the end).")
  Path workDir;

  /** The work directory given, or null. */
  public Path workDir() {
    return workDir;
  }

  /** Refuses a cluster without a registry, or the other way round. */
  public void validate() {
    if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
      throw new ParameterException(mixee.commandLine(),
          "--bootstrap-servers and --schema-registry-url go together: give both, or neither to start local ones");
    }
  }

  /** The given services, or started ones with {@code partitions} as the broker's default. */
  public BenchServices startOrConnect(int partitions) {
    return BenchServices.startOrConnect(bootstrapServers, schemaRegistryUrl, workDir, partitions);
  }
}
