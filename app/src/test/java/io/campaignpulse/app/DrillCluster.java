package io.campaignpulse.app;

import static org.awaitility.Awaitility.await;

import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.IsolationLevel;

/**
 * What a failure drill runs against: Kafka's KRaft test-kit broker in this JVM, a schema registry (started in
 * parallel with it), the app's topics and schemas as the app provisions them, the settings the test's own clients
 * use, and a {@link ClusterProbe}.
 */
final class DrillCluster implements AutoCloseable {

  private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(120);

  final TestCluster cluster;
  final LocalSchemaRegistry registry;
  final PulseConfig config;
  final ClusterProbe probe;
  private final boolean closeRegistry;

  private DrillCluster(TestCluster cluster, LocalSchemaRegistry registry, boolean closeRegistry, PulseConfig config,
      ClusterProbe probe) {
    this.cluster = cluster;
    this.registry = registry;
    this.closeRegistry = closeRegistry;
    this.config = config;
    this.probe = probe;
  }

  /**
   * Starts the broker and the registry, creates the topics ({@code partitions} each) and registers the schemas.
   *
   * @param registry starts (or finds) the registry
   * @param closeRegistry whether {@link #close()} stops the registry too (false for the shared one)
   */
  static DrillCluster start(Supplier<LocalSchemaRegistry> registry, boolean closeRegistry, String applicationId,
      int partitions, int standbyReplicas, Path dir) throws Exception {
    CompletableFuture<LocalSchemaRegistry> registryStarting = CompletableFuture.supplyAsync(registry);
    TestCluster cluster = null;
    try {
      cluster = TestCluster.start();
      LocalSchemaRegistry started = registryStarting.join();
      PulseConfig config = new PulseConfig(cluster.bootstrapServers(), started.url(), TopicNames.defaults(),
          partitions, (short) 1, applicationId, dir.resolve("unused-state"), 100, standbyReplicas, null);
      TopicNames topics = config.topicNames();
      SchemaBootstrap.registerAll(config.schemaRegistryUrl(), topics);
      TopicProvisioner.ensureTopics(config.adminProperties(), topics, partitions, (short) 1);
      ClusterProbe probe = new ClusterProbe(cluster.bootstrapServers(), config.adminProperties());
      DrillCluster drill = new DrillCluster(cluster, started, closeRegistry, config, probe);
      // the broker leads every new partition before anything is produced: an idempotent producer that meets
      // NOT_LEADER_OR_FOLLOWER on a just-created partition can get stuck retrying OUT_OF_ORDER_SEQUENCE_NUMBER
      // (seen on a loaded machine), which is not what these tests are about
      await("the broker leads every partition").atMost(LEADERS_TIMEOUT).ignoreExceptions()
          .until(() -> probe.endOffsets(topics.all(), IsolationLevel.READ_UNCOMMITTED).size(),
              n -> n == topics.all().size() * partitions);
      return drill;
    } catch (Exception | Error e) {
      if (cluster != null) {
        cluster.close();
      }
      if (closeRegistry) {
        LocalSchemaRegistry started = registryStarting.exceptionally(x -> null).get(150, TimeUnit.SECONDS);
        if (started != null) {
          started.close();
        }
      }
      throw e;
    }
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  TopicNames topics() {
    return config.topicNames();
  }

  @Override
  public void close() throws Exception {
    try {
      probe.close();
    } finally {
      try {
        if (closeRegistry) {
          registry.close();
        }
      } finally {
        cluster.close();
      }
    }
  }
}
