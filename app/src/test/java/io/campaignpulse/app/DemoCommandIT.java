package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.embedded.FreePorts;
import io.campaignpulse.producers.sim.GroundTruth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campaign-pulse demo} as a user runs it: a broker and a registry as child processes, the streams app, the
 * API and the simulator. A small scenario plays as fast as possible; the API's totals must reach the simulator's
 * ground truth exactly, and when the demo ends no child process is left.
 */
class DemoCommandIT {

  @TempDir
  Path temp;

  @Test
  void demoServesTotalsEqualToTheSimulatorsGroundTruthAndLeavesNoProcessBehind() throws Exception {
    java.util.Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid)
        .collect(java.util.stream.Collectors.toSet());
    // Given the demo on a free port, with the first 10,000 events of 5% of the year and 1% of every fault, stopping by itself
    int port = FreePorts.one();
    Path truthFile = temp.resolve("ground-truth.json");
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CompletableFuture<Integer> demo;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      demo = CompletableFuture.supplyAsync(() -> CampaignPulse.commandLine().execute("demo",
          "--work-dir", temp.resolve("demo").toString(), "--http-port", Integer.toString(port),
          "--scale", "0.05", "--count", "10000", "--rate", "20000", "--duration", "200", "--linger", "30",
          "--duplicate-rate", "0.01", "--out-of-order-rate", "0.01", "--late-rate", "0.01", "--malformed-rate", "0.01",
          "--ground-truth", truthFile.toString()));

      // When the simulation has finished
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!Files.exists(truthFile) && System.nanoTime() < deadline && !demo.isDone()) {
        Thread.sleep(500);
      }
      assertThat(truthFile).as("ground truth written; demo output:%n%s", printed).exists();
      GroundTruth truth = GroundTruth.readJson(truthFile);

      // Then the API converges on the ground truth, campaign by campaign
      Map<String, List<Long>> expected = new HashMap<>();
      truth.campaigns().forEach((id, t) -> expected.put(id,
          List.of(t.orders(), t.pendingOrders(), t.consumptionFen(), t.subsidyFen(), t.pendingSubsidyFen(), t.visitors())));
      Map<String, List<Long>> served = Map.of();
      while (System.nanoTime() < deadline && !served.equals(expected)) {
        served = servedTotals(port);
        Thread.sleep(500);
      }
      assertThat(served).isEqualTo(expected);
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("Dashboard        http://127.0.0.1:" + port + "/")
          .contains("Campaigns API    http://127.0.0.1:" + port + "/api/campaigns")
          .contains("dead letters");

      // And when the demo ends, it exits cleanly and its broker and registry are gone
      assertThat(demo.get(120, TimeUnit.SECONDS)).isZero();
    } finally {
      System.setOut(stdout);
    }
    // processes of other test classes in this JVM (the shared registry) were there before and are not the demo's
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> !before.contains(p.pid())).toList()).isEmpty();
  }

  private static Map<String, List<Long>> servedTotals(int port) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/campaigns"))
            .timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, List<Long>> served = new HashMap<>();
    if (response.statusCode() != 200) {
      return served;
    }
    for (JsonNode c : new ObjectMapper().readTree(response.body())) {
      served.put(c.get("campaignId").asText(), List.of(c.get("orders").asLong(), c.get("pendingOrders").asLong(),
          c.get("consumptionFen").asLong(), c.get("subsidyFen").asLong(), c.get("pendingSubsidyFen").asLong(),
          c.get("visitors").asLong()));
    }
    return served;
  }
}
