package io.campaignpulse.app.cli;

import io.campaignpulse.app.Lifecycle;
import io.campaignpulse.app.PipelineService;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.sim.Simulation;
import io.campaignpulse.contract.Money;
import io.campaignpulse.embedded.LocalKafkaBroker;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.embedded.RegistryStorage;
import io.campaignpulse.streams.query.CampaignView;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code campaign-pulse demo}: everything on this machine, in one command. Starts a KRaft broker and an Apicurio
 * registry as child processes on 127.0.0.1, the streams app with its API, and the simulator playing the
 * Chuanhui 2024 scenario; prints the URLs and a live one-line summary. Ctrl-C or SIGTERM stops all of it,
 * child processes included.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run broker, registry, streams app, API and simulator on this machine, all embedded.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--work-dir", defaultValue = "var/demo",
      description = "Where the demo keeps broker data, registry log and database, and streams state; wiped at start "
          + "(default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--http-port", defaultValue = "8080", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--duration", paramLabel = "SECONDS",
      description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
  Long durationSeconds;

  @Option(names = "--linger", paramLabel = "SECONDS",
      description = "Once the simulation has finished, keep serving this many seconds, then stop "
          + "(default: until Ctrl-C).")
  Long lingerSeconds;

  @Mixin
  SimulationOptions simulation;

  @Override
  public Integer call() throws Exception {
    if (simulation.rate == null && simulation.speedup == null) {
      simulation.speedup = 50_000.0; // the year in about ten minutes
    }
    wipe(workDir);
    PrintStream out = System.out;
    try (Lifecycle services = new Lifecycle().closeOnShutdown()) {
      out.println("campaign-pulse demo: starting Kafka (KRaft) and Apicurio Registry on 127.0.0.1 ...");
      // schemas in an H2 file: as fast to start as in memory, and in step with the broker's data on disk (KafkaSQL
      // would have to wait for the broker, about 12 s more)
      CompletableFuture<LocalSchemaRegistry> registryStart = CompletableFuture.supplyAsync(() ->
          LocalSchemaRegistry.builder(workDir.resolve("registry"))
              .storage(RegistryStorage.h2File(workDir.resolve("registry").resolve("db"))).start());
      LocalKafkaBroker broker;
      try {
        broker = services.own(LocalKafkaBroker.builder(workDir.resolve("kafka")).partitions(6).start());
      } catch (RuntimeException e) {
        registryStart.thenAccept(LocalSchemaRegistry::close);
        throw e;
      }
      LocalSchemaRegistry registry;
      try {
        registry = services.own(registryStart.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }

      ClusterOptions cluster = new ClusterOptions();
      cluster.bootstrapServers = broker.bootstrapServers();
      cluster.schemaRegistryUrl = registry.url();
      cluster.partitions = 6;
      cluster.replicationFactor = 1;
      StreamsOptions streamsOptions = new StreamsOptions();
      streamsOptions.applicationId = "campaign-pulse-demo";
      streamsOptions.stateDir = workDir.resolve("state");
      streamsOptions.commitIntervalMs = 100;
      streamsOptions.httpHost = "127.0.0.1";
      streamsOptions.httpPort = httpPort;
      PulseConfig config = cluster.toConfig(streamsOptions);

      PipelineService service = services.own(PipelineService.start(config, streamsOptions.httpHost, httpPort,
          streamsOptions.apiToken));
      Simulation sim = services.own(Simulation.start(config, simulation.toPlan()));

      String api = "http://127.0.0.1:" + service.httpPort();
      out.println("  Kafka            " + broker.bootstrapServers());
      out.println("  Schema registry  " + registry.url());
      out.println("  Dashboard        " + api + "/");
      out.println("  Campaigns API    " + api + "/api/campaigns");
      out.println("  Health           " + api + "/health");
      out.println("Simulating the Chuanhui 2024 campaign year; Ctrl-C stops everything.");

      long deadline = durationSeconds == null ? Long.MAX_VALUE
          : System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
      boolean reported = false;
      // On a terminal the summary is one line rewritten in place; in a log, one line per update.
      boolean terminal = System.console() != null;
      while (!services.awaitClosed(2, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
        String line = summary(service, sim);
        if (terminal) {
          out.print("\r" + line + "\u001b[K");
          out.flush();
        } else {
          out.println(line);
        }
        if (sim.isDone() && !reported) {
          reported = true;
          if (terminal) {
            out.println();
          }
          out.println("Simulation finished. Its ground truth, which the totals above converge on:");
          out.println(sim.groundTruthTable());
          if (simulation.groundTruthFile != null) {
            sim.groundTruth().writeJson(simulation.groundTruthFile);
            out.println("ground truth written to " + simulation.groundTruthFile);
          }
          if (lingerSeconds != null) {
            deadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(lingerSeconds));
          }
          out.println("The API stays up; Ctrl-C stops everything.");
        }
      }
    }
    return 0;
  }

  /** One line: the live totals over all campaigns, from the streams app's stores. */
  static String summary(PipelineService service, Simulation sim) {
    try {
      List<CampaignView> campaigns = service.streams().queries().all();
      long orders = 0;
      long consumption = 0;
      long subsidy = 0;
      long pending = 0;
      long visitors = 0;
      long alerts = 0;
      for (CampaignView c : campaigns) {
        alerts += service.streams().queries().alerts(c.campaignId()).size();
        orders += c.orders();
        consumption += c.consumptionFen();
        subsidy += c.subsidyFen();
        pending += c.pendingSubsidyFen();
        visitors += c.visitors();
      }
      String day = sim.simulatedTime().map(t -> t.atZone(sim.zone()).toLocalDate().toString()).orElse("-");
      return String.format("[%s %s] sent %,d | campaigns %d | orders %,d | consumption ¥%s | subsidy ¥%s"
              + " | pending ¥%s | visitors %,d | budget alerts %,d | dead letters %,d | late %,d",
          sim.isDone() ? "done" : "live", day, sim.sent(), campaigns.size(), orders, Money.yuan(consumption),
          Money.yuan(subsidy), Money.yuan(pending), visitors, alerts, service.streams().metrics().deadLetters(),
          service.streams().metrics().lateEvents());
    } catch (InvalidStateStoreException | IllegalStateException e) {
      return "[starting] sent " + sim.sent() + " | stores not queryable yet (" + service.streams().state() + ")";
    }
  }

  private static void wipe(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
