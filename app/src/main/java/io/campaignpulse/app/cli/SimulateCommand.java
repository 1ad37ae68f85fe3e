package io.campaignpulse.app.cli;

import io.campaignpulse.app.Lifecycle;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.app.sim.Simulation;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code campaign-pulse produce simulate}: plays a scenario into an existing cluster, then prints the ground-truth
 * totals of what it sent (and writes them as JSON with {@code --ground-truth}). Ctrl-C stops it after flushing.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate campaigns, trade-in orders, fair visits and sales into Kafka.")
public final class SimulateCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Mixin
  ProducerOptions producer;

  @Mixin
  SimulationOptions simulation;

  @Override
  public Integer call() throws Exception {
    PulseConfig config = producer.applyTo(cluster.toConfig(null));
    SchemaBootstrap.registerAll(config.schemaRegistryUrl(), config.topicNames());
    TopicProvisioner.ensureTopics(config.adminProperties(), config.topicNames(), config.partitions(),
        config.replicationFactor());
    Simulation sim;
    try (Lifecycle lifecycle = new Lifecycle().closeOnShutdown()) {
      sim = lifecycle.own(Simulation.start(config, simulation.toPlan()));
      while (!sim.await(5, TimeUnit.SECONDS) && !lifecycle.isClosing()) {
        System.out.printf("sent %,d events, %,d acknowledged%n", sim.sent(), sim.acknowledged());
      }
    }
    System.out.printf("sent %,d events, %,d acknowledged%n", sim.sent(), sim.acknowledged());
    System.out.println(sim.groundTruthTable());
    if (simulation.groundTruthFile != null) {
      sim.groundTruth().writeJson(simulation.groundTruthFile);
      System.out.println("ground truth written to " + simulation.groundTruthFile);
    }
    return sim.failure() == null ? 0 : 1;
  }
}
