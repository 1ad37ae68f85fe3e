package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.producers.kafka.Pacer;
import io.campaignpulse.producers.sim.Faults;
import io.campaignpulse.producers.sim.Scenario;
import io.campaignpulse.serde.AvroWireDeserializer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once survives a crash: the streams app runs as a child JVM ({@code campaign-pulse streams} from the
 * runnable jar) over a backlog of simulated events with every fault on, and is killed with SIGKILL (no clean close,
 * no shutdown hook, an open transaction) twice mid-stream. The restarts then finish the work:
 *
 * <ol>
 *   <li>run 1, state dir A, with {@code --no-orders-state-from-input} (as before 0.8: {@code orders-latest-store}
 *       with a changelog topic of its own): killed once about a quarter of the input is committed;</li>
 *   <li>run 2, same application id and state dir A, with the default {@code --orders-state-from-input} (the
 *       upgrade to 0.8 in place: from here {@code orders-latest-store} is restored from the orders topic): killed
 *       once it has committed input past run 1, right after a budget threshold was crossed (its alert in the open
 *       transaction).
 *       Under exactly-once a store left without a checkpoint (a crash writes none) may hold uncommitted writes, so
 *       Kafka Streams wipes it and restores it from its changelog: the test's output shows how many stores each
 *       restart wiped;</li>
 *   <li>run 3, state dir A: processes the rest; {@code campaign-totals} (read_committed) and the API must equal the
 *       simulator's ground truth exactly, and {@code dead-letters} must hold each malformed record exactly once;
 *       then it stops cleanly;</li>
 *   <li>run 4, a new empty state dir B: restores from the changelogs (and the orders topic) only, and its API
 *       serves the same totals.</li>
 * </ol>
 *
 * <p>Kafka's KRaft test-kit broker runs in this JVM, Apicurio Registry as a child process (the streams child needs
 * a real registry). The main consumer's session timeout is lowered to the broker's minimum through
 * {@code --client-config}, so the next run's rebalance does not wait 45 s for the killed member to expire.
 */
class StreamsCrashRecoveryIT {

  private static final String APP_ID = "crash-recovery-test";
  private static final int PARTITIONS = 6;
  /**
   * 6% of the district's year: about 45,000 events with the faults, a few seconds of processing for a warm pipeline,
   * so that each run is many transactions long.
   */
  private static final double SCALE = 0.06;
  private static final long SEED = 20240430L;
  private static final Faults FAULTS = new Faults(0.05, 0.05, 0.05, 0.01, 0);
  private static final double FIRST_KILL_AT = 0.25;
  /**
   * Runs that are killed commit every 250 ms instead of every 100 ms, so their transactions stay open long enough
   * for the test to see records of one on the broker (past the last stable offset) and kill the child then, and
   * are still short enough that a run is many of them (with a whole second, a fast run committed half the input in
   * one transaction and left nothing to kill it in).
   */
  private static final String[] KILLED_RUNS_COMMIT_INTERVAL = {"--commit-interval-ms", "250"};
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
  /** Run 1 gives orders-latest-store its own changelog, as before 0.8; runs 2 to 4 run the default. */
  private static final String OWN_ORDERS_CHANGELOG = "--no-orders-state-from-input";

  @TempDir
  Path temp;

  private final List<StreamsChild> children = new ArrayList<>();
  private final Progress progress = new Progress();
  private DrillCluster drill;
  private PulseConfig config;
  private ClusterProbe probe;
  private StreamsChild.Launcher launcher;

  @AfterEach
  void stopEverything() throws Exception {
    try {
      for (StreamsChild child : children) {
        child.destroy();
      }
    } finally {
      if (drill != null) {
        drill.close();
      }
    }
  }

  @Test
  void killedTwiceWithSigkillMidStreamTheRestartsReachTheGroundTruthWithNothingLostOrCountedTwice()
      throws Exception {
    StreamsChild.jar();
    try {
      // Given a broker, a registry, the app's topics (6 partitions) and its schemas, as the app provisions them
      drill = DrillCluster.start(() -> LocalSchemaRegistry.start(temp.resolve("registry")), true, APP_ID, PARTITIONS,
          0, temp);
      config = drill.config;
      probe = drill.probe;
      TopicNames topics = drill.topics();
      progress.step("broker %s and registry %s up, topics and schemas in place", drill.bootstrapServers(),
          drill.registry.url());

      // And a backlog: 3% of the year with duplicates, out-of-order and late deliveries and malformed records
      SimulatedWorkload workload = SimulatedWorkload.simulate(
          Scenario.defaultScenario().scaled(SCALE).withFaults(FAULTS), SEED);
      workload.send(config, "crash-test-producer", Pacer.asFastAsPossible(), new AtomicLong());
      long input = probe.inputEnd(topics);
      Map<String, Long> malformed = workload.malformed(topics);
      assertThat(input).isEqualTo(workload.size());
      assertThat(malformed).isNotEmpty();
      progress.step("produced %,d events (malformed: %s)", workload.size(), malformed);

      Path stateA = temp.resolve("state-a");
      Path stateB = temp.resolve("state-b");
      launcher = StreamsChild.Launcher.withShortSessions(temp, drill.bootstrapServers(), drill.registry.url(),
          APP_ID, PARTITIONS);

      // When run 1 is killed with SIGKILL once about a quarter of the input is committed
      StreamsChild run1 = startStreams("run-1", stateA, KILLED_RUNS_COMMIT_INTERVAL[0], KILLED_RUNS_COMMIT_INTERVAL[1],
          OWN_ORDERS_CHANGELOG);
      Kill kill1 = killWhenCommitted(run1, topics, (long) (input * FIRST_KILL_AT), input, false);

      // And run 2, same application id and state dir, is killed the same way once it has committed input past run
      // 1, right after a budget threshold was crossed: while the transaction holding its alert is still open
      // (run 2 on runs the default --orders-state-from-input: the upgrade to 0.8 in place after a crash, so from
      // here orders-latest-store is restored from the orders topic, without a changelog topic of its own)
      StreamsChild run2 = startStreams("run-2", stateA, KILLED_RUNS_COMMIT_INTERVAL);
      Kill kill2 = killWhenCommitted(run2, topics, kill1.committedAfter() + 1, input, true);
      assertThat(kill2.openAlerts()).as("run 2 killed with an alert in its open transaction").isPositive();
      assertThat(kill2.committedAfter()).as("run 2 made progress").isGreaterThan(kill1.committedAfter());
      assertThat(kill1.openTransactionRecords() + kill2.openTransactionRecords())
          .as("the kills cut off transactions with records on the broker").isPositive();

      // And run 3, same state dir again, processes the rest
      StreamsChild run3 = startStreams("run-3", stateA);
      Map<String, Map<String, Long>> expected = workload.expected();
      AvroWireDeserializer<CampaignTotals> totalsReader = new AvroWireDeserializer<>(CampaignTotals.class);
      totalsReader.configure(config.serdeConfig(), false);
      try {
        await("all input committed by run 3").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(500))
            .failFast("run 3 died: " + run3, () -> !run3.isAlive())
            .until(() -> probe.committedInput(APP_ID, topics), c -> c == input);
        progress.step("run 3 has committed all input");

        // Then the last committed totals of every campaign equal the ground truth, field by field
        Map<String, CampaignTotals> published = await("campaign-totals equal to the ground truth")
            .atMost(STEP_TIMEOUT).pollInterval(Duration.ofSeconds(1))
            .failFast("run 3 died: " + run3, () -> !run3.isAlive())
            .until(() -> probe.latest(topics.campaignTotals(), totalsReader),
                p -> SimulatedWorkload.figures(p, expected.keySet()).equals(expected));
        assertThat(SimulatedWorkload.figures(published, expected.keySet())).isEqualTo(expected);
        assertThat(published.keySet()).isSubsetOf(expected.keySet());
        progress.step("campaign-totals equal the ground truth for %d campaigns", expected.size());

        // And every malformed record is in dead-letters exactly once, under its source topic
        assertThat(probe.deadLettersBySource(topics)).isEqualTo(malformed);

        // And run 3's API serves the same totals
        assertApiServes(run3, expected, published);
        progress.step("run 3's API serves the ground truth");

        // And every budget threshold the final spending has reached alerted, and no alert is there twice,
        // though the kills cut transactions that had already decided alerts; run 3's alert store agrees
        List<BudgetAlert> alerts = workload.checkedAlerts(probe, config);
        Set<String> reached = workload.reachedThresholds();
        assertThat(run3.alertIds(workload.campaigns())).as("run 3's /alerts lists exactly the committed alerts")
            .isEqualTo(alerts.stream().map(BudgetAlert::getAlertId).sorted().toList());
        progress.step("%d budget alerts, each once; %d thresholds reached by the final spending all alerted",
            alerts.size(), reached.size());

        // And when run 3 stops cleanly, run 4 with a new empty state dir restores the same totals from the
        // changelogs alone
        assertThat(run3.stop()).as("run 3 exit code after SIGTERM (the JVM reports the signal)").isIn(0, 128 + 15);
        progress.step("run 3 stopped; its log: %s", run3.summary());
        StreamsChild run4 = startStreams("run-4", stateB);
        assertApiServes(run4, expected, published);
        assertThat(run4.alertIds(workload.campaigns())).as("run 4 restored the alert store from its changelog")
            .isEqualTo(alerts.stream().map(BudgetAlert::getAlertId).sorted().toList());
        progress.step("run 4's API serves the ground truth and the alerts; its log: %s", run4.summary());
        assertThat(probe.committedInput(APP_ID, topics)).isEqualTo(input);
        assertThat(SimulatedWorkload.figures(probe.latest(topics.campaignTotals(), totalsReader), expected.keySet()))
            .isEqualTo(expected);
        progress.step("kills: run 1 at %,d/%,d committed input (%,d records in its open transaction), "
            + "run 2 at %,d/%,d (%,d)", kill1.committedAfter(), input, kill1.openTransactionRecords(),
            kill2.committedAfter(), input, kill2.openTransactionRecords());
      } finally {
        totalsReader.close();
      }
    } catch (Throwable e) {
      throw new AssertionError(e.getMessage() + System.lineSeparator() + StreamsChild.logs(children, 80), e);
    }
  }

  // --- the child JVM ---

  private StreamsChild startStreams(String name, Path stateDir, String... moreArgs) throws IOException {
    StreamsChild child = launcher.start(name, stateDir, moreArgs);
    children.add(child);
    progress.step("started %s: %s", child, child.command);
    return child;
  }

  /** What a kill left behind: the input committed, and records of the transaction it cut off. */
  private record Kill(long committedAfter, long openTransactionRecords, long openAlerts) {
  }

  /** Waits until {@code atLeast} input records are committed, kills the child with SIGKILL, checks it was mid-stream. */
  private Kill killWhenCommitted(StreamsChild child, TopicNames topics, long atLeast, long input, boolean afterAlert)
      throws Exception {
    long seen = await(child.name + " committed " + atLeast + " of " + input + " input records")
        .atMost(STEP_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
        .failFast(child.name + " died: " + child, () -> !child.isAlive())
        .until(() -> probe.committedInput(APP_ID, topics), c -> c >= atLeast);
    // kill while a transaction is open on the broker: records written after the last stable offset (and, when
    // asked, among them a budget alert: a threshold was just crossed and its alert not yet committed)
    long t0 = System.nanoTime();
    long openBefore = 0;
    long alertsBefore = 0;
    while (child.isAlive() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(afterAlert ? 60 : 15)
        && ((openBefore = openTransactionRecords(topics)) == 0
            || afterAlert && (alertsBefore = probe.openRecords(List.of(topics.budgetAlerts()))) == 0)) {
      Thread.onSpinWait();
    }
    progress.step("%s: open transaction with %,d records (%,d budget alerts) seen after %d ms", child.name,
        openBefore, alertsBefore, (System.nanoTime() - t0) / 1_000_000);
    int exit = child.kill();
    assertThat(exit).as("%s killed by SIGKILL, not closed", child.name).isEqualTo(StreamsChild.SIGKILL_EXIT);
    long committed = probe.committedInput(APP_ID, topics);
    long open = openTransactionRecords(topics);
    progress.step("%s killed (exit %d) with %,d (at least %,d seen) of %,d input records committed; "
        + "%,d records of an open transaction left behind; its log: %s", child.name, exit, committed, seen, input,
        open, child.summary());
    assertThat(committed).as("%s killed mid-stream: input left to process", child.name).isLessThan(input);
    return new Kill(committed, open, alertsBefore);
  }

  /**
   * Records written to the app's topics (outputs, repartition, changelogs) after their last stable offset: the
   * open transaction of a killed instance, which read_committed readers must never see.
   */
  private long openTransactionRecords(TopicNames topics) throws Exception {
    List<String> written = new ArrayList<>(topics.all());
    written.removeAll(ClusterProbe.inputTopics(topics));
    probe.admin().listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(APP_ID + "-"))
        .forEach(written::add);
    return probe.openRecords(written);
  }

  // --- the API ---

  /**
   * The child's {@code /api/campaigns} lists every campaign of the ground truth with its totals, and agrees with
   * the published record (last event time included).
   */
  private void assertApiServes(StreamsChild child, Map<String, Map<String, Long>> expected,
      Map<String, CampaignTotals> published) {
    JsonNode served = await(child.name + "'s API serves the ground truth").atMost(STEP_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .failFast(child.name + " died: " + child, () -> !child.isAlive())
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(child::campaigns, body -> body != null && SimulatedWorkload.apiListFigures(body).equals(expected));
    assertThat(SimulatedWorkload.apiListFigures(served)).isEqualTo(expected);
    for (JsonNode c : served) {
      CampaignTotals record = published.get(c.get("campaignId").asText());
      if (record != null) {
        assertThat(c.get("lastEventTime").isNull() ? null : c.get("lastEventTime").asText())
            .as("lastEventTime of %s", c.get("campaignId").asText())
            .isEqualTo(record.getLastEventTime() == null ? null : record.getLastEventTime().toString());
      }
    }
  }
}
