package io.campaignpulse.bench;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalKafkaBroker;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The broker and schema registry a benchmark talks to: given ones (left running), or a KRaft broker and an
 * Apicurio registry started here as child JVMs on 127.0.0.1 and stopped (their temporary directory deleted) on
 * {@link #close()}. Started ones run on this machine's cores too: the figures are a whole-machine throughput, which
 * is why the benchmark reports ratios to Kafka's tool run against the same broker.
 */
public final class BenchServices implements AutoCloseable {

  private final String bootstrapServers;
  private final String schemaRegistryUrl;
  private final LocalKafkaBroker broker;
  private final LocalSchemaRegistry registry;
  private final Path tempDir;

  private BenchServices(String bootstrapServers, String schemaRegistryUrl, LocalKafkaBroker broker,
      LocalSchemaRegistry registry, Path tempDir) {
    this.bootstrapServers = bootstrapServers;
    this.schemaRegistryUrl = schemaRegistryUrl;
    this.broker = broker;
    this.registry = registry;
    this.tempDir = tempDir;
  }

  /**
   * Connects to the given cluster and registry when both are given, otherwise starts both under {@code workDir}
   * (a temporary directory when null) with {@code partitions} as the broker's default partition count.
   */
  public static BenchServices startOrConnect(String bootstrapServers, String schemaRegistryUrl, Path workDir,
      int partitions) {
    if (bootstrapServers != null && schemaRegistryUrl != null) {
      return new BenchServices(bootstrapServers, schemaRegistryUrl, null, null, null);
    }
    Path tempDir = workDir == null ? createTempDir() : null;
    Path dir = workDir != null ? workDir : tempDir;
    System.out.println("starting a Kafka broker and a schema registry under " + dir + " ...");
    LocalKafkaBroker broker = null;
    try {
      broker = LocalKafkaBroker.builder(dir.resolve("broker")).partitions(partitions).start();
      LocalSchemaRegistry registry = LocalSchemaRegistry.start(dir.resolve("registry"));
      return new BenchServices(broker.bootstrapServers(), registry.url(), broker, registry, tempDir);
    } catch (RuntimeException e) {
      if (broker != null) {
        broker.close();
      }
      deleteQuietly(tempDir);
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String schemaRegistryUrl() {
    return schemaRegistryUrl;
  }

  /** Whether the broker was started here (so the benchmark is its only client). */
  public boolean startedHere() {
    return broker != null;
  }

  /**
   * The topics of run {@code runId}: the documented names on a broker of our own; on a given cluster, fresh names
   * beside whatever is there.
   */
  public TopicNames topicNames(String runId) {
    return startedHere() ? TopicNames.defaults() : StreamsBenchmark.prefixed("bench-" + runId + "-");
  }

  /** The started broker's pid, or -1 for a given cluster. */
  public long brokerPid() {
    return broker == null ? -1 : broker.pid();
  }

  @Override
  public void close() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
      deleteQuietly(tempDir);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("campaign-pulse-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** Deletes a temporary directory tree, ignoring what cannot be deleted. */
  static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
