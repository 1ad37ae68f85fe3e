package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.ChildProcess;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.producers.kafka.EventSender;
import io.campaignpulse.producers.sim.CampaignSimulator;
import io.campaignpulse.producers.sim.Faults;
import io.campaignpulse.producers.sim.GroundTruth;
import io.campaignpulse.producers.sim.Scenario;
import io.campaignpulse.producers.sim.SimEvent;
import io.campaignpulse.serde.AvroWireDeserializer;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.decode.DeadLetterHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once survives a crash: the streams app runs as a child JVM ({@code campaign-pulse streams} from the
 * runnable jar) over a backlog of simulated events with every fault on, and is killed with SIGKILL (no clean close,
 * no shutdown hook, an open transaction) twice mid-stream. The restarts then finish the work:
 *
 * <ol>
 *   <li>run 1, state dir A: killed once about a quarter of the input is committed;</li>
 *   <li>run 2, same application id and state dir A: killed at about 60%. Under exactly-once a store left without
 *       a checkpoint (a crash writes none) may hold uncommitted writes, so Kafka Streams wipes it and restores it
 *       from its changelog: the test's output shows how many stores each restart wiped;</li>
 *   <li>run 3, state dir A: processes the rest; {@code campaign-totals} (read_committed) and the API must equal the
 *       simulator's ground truth exactly, and {@code dead-letters} must hold each malformed record exactly once;
 *       then it stops cleanly;</li>
 *   <li>run 4, a new empty state dir B: restores from the changelogs only, and its API serves the same totals.</li>
 * </ol>
 *
 * <p>Kafka's KRaft test-kit broker runs in this JVM, Apicurio Registry as a child process (the streams child needs
 * a real registry). The main consumer's session timeout is lowered to the broker's minimum through
 * {@code --client-config}, so the next run's rebalance does not wait 45 s for the killed member to expire.
 */
class StreamsCrashRecoveryIT {

  private static final String APP_ID = "crash-recovery-test";
  private static final int PARTITIONS = 6;
  /** 3% of the district's year: about 37,000 events with the faults, several seconds of processing. */
  private static final double SCALE = 0.03;
  private static final long SEED = 20240430L;
  private static final Faults FAULTS = new Faults(0.05, 0.05, 0.05, 0.01, 0);
  private static final double FIRST_KILL_AT = 0.25;
  private static final double SECOND_KILL_AT = 0.60;
  /**
   * Runs that are killed commit every second instead of every 100 ms, so their transactions stay open long enough
   * for the test to see records of one on the broker (past the last stable offset) and kill the child then.
   */
  private static final String[] KILLED_RUNS_COMMIT_INTERVAL = {"--commit-interval-ms", "1000"};
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
  private static final int SIGKILL_EXIT = 128 + 9;
  private static final Pattern API_LINE = Pattern.compile("API on http://127\\.0\\.0\\.1:(\\d+)/api/campaigns");
  private static final List<String> FIELDS = List.of("orders", "pendingOrders", "consumptionFen",
      "orderConsumptionFen", "fairSalesFen", "fairSales", "subsidyFen", "pendingSubsidyFen", "visitors");

  @TempDir
  Path temp;

  private final List<Child> children = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private TestCluster cluster;
  private CompletableFuture<LocalSchemaRegistry> registryStarting;
  private LocalSchemaRegistry registry;
  private PulseConfig config;
  private Admin admin;
  private final long started = System.nanoTime();

  @AfterEach
  void stopEverything() throws Exception {
    try {
      for (Child child : children) {
        child.destroy();
      }
    } finally {
      try {
        if (admin != null) {
          admin.close(Duration.ofSeconds(10));
        }
      } finally {
        try {
          if (registry == null && registryStarting != null) {
            registry = registryStarting.exceptionally(e -> null).get(150, TimeUnit.SECONDS);
          }
          if (registry != null) {
            registry.close();
          }
        } finally {
          if (cluster != null) {
            cluster.close();
          }
        }
      }
    }
  }

  @Test
  void killedTwiceWithSigkillMidStreamTheRestartsReachTheGroundTruthWithNothingLostOrCountedTwice()
      throws Exception {
    Path jar = Path.of("target", "campaign-pulse.jar").toAbsolutePath();
    assertThat(jar).as("the runnable jar (built in the package phase, before failsafe runs)").isRegularFile();
    try {
      // Given a broker, a registry, the app's topics (6 partitions) and its schemas, as the app provisions them
      registryStarting = CompletableFuture.supplyAsync(() -> LocalSchemaRegistry.start(temp.resolve("registry")));
      cluster = TestCluster.start();
      registry = registryStarting.join();
      config = new PulseConfig(cluster.bootstrapServers(), registry.url(), TopicNames.defaults(), PARTITIONS,
          (short) 1, APP_ID, temp.resolve("unused-state"), 100, 0, null);
      TopicNames topics = config.topicNames();
      SchemaBootstrap.registerAll(config.schemaRegistryUrl(), topics);
      TopicProvisioner.ensureTopics(config.adminProperties(), topics, PARTITIONS, (short) 1);
      admin = Admin.create(config.adminProperties());
      // the broker leads every new partition before anything is produced: an idempotent producer that meets
      // NOT_LEADER_OR_FOLLOWER on a just-created partition can get stuck retrying OUT_OF_ORDER_SEQUENCE_NUMBER
      // (seen on a loaded machine), which is not what this test is about
      await("the broker leads every partition").atMost(STEP_TIMEOUT).ignoreExceptions()
          .until(() -> endOffsets(topics.all(), IsolationLevel.READ_UNCOMMITTED).size(),
              n -> n == topics.all().size() * PARTITIONS);
      step("broker %s and registry %s up, topics and schemas in place", cluster.bootstrapServers(), registry.url());

      // And a backlog: 3% of the year with duplicates, out-of-order and late deliveries and malformed records
      Workload workload = produceWorkload(topics);
      long input = inputEndOffsets(topics);
      assertThat(input).isEqualTo(workload.sent());
      assertThat(workload.malformedTotal()).isPositive();
      step("produced %,d events (%,d malformed) in %s", workload.sent(),
          workload.malformedTotal(), workload.malformed());

      Path stateA = temp.resolve("state-a");
      Path stateB = temp.resolve("state-b");
      Path clientConfig = writeClientConfig();

      // When run 1 is killed with SIGKILL once about a quarter of the input is committed
      Child run1 = startStreams("run-1", stateA, clientConfig, KILLED_RUNS_COMMIT_INTERVAL);
      Kill kill1 = killWhenCommitted(run1, topics, (long) (input * FIRST_KILL_AT), input, false);

      // And run 2, same application id and state dir, is killed the same way after about 60%, right after a
      // budget threshold was crossed: while the transaction holding its alert is still open
      Child run2 = startStreams("run-2", stateA, clientConfig, KILLED_RUNS_COMMIT_INTERVAL);
      Kill kill2 = killWhenCommitted(run2, topics,
          Math.max((long) (input * SECOND_KILL_AT), kill1.committedAfter() + input / 10), input, true);
      assertThat(kill2.openAlerts()).as("run 2 killed with an alert in its open transaction").isPositive();
      assertThat(kill2.committedAfter()).as("run 2 made progress").isGreaterThan(kill1.committedAfter());
      assertThat(kill1.openTransactionRecords() + kill2.openTransactionRecords())
          .as("the kills cut off transactions with records on the broker").isPositive();

      // And run 3, same state dir again, processes the rest
      Child run3 = startStreams("run-3", stateA, clientConfig);
      Map<String, Map<String, Long>> expected = expected(workload.truth());
      AvroWireDeserializer<CampaignTotals> totalsReader = new AvroWireDeserializer<>(CampaignTotals.class);
      totalsReader.configure(config.serdeConfig(), false);
      try {
        await("all input committed by run 3").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(500))
            .failFast("run 3 died: " + run3, () -> !run3.isAlive())
            .until(() -> committedInput(topics), c -> c == input);
        step("run 3 has committed all input");

        // Then the last committed totals of every campaign equal the ground truth, field by field
        Map<String, CampaignTotals> published = await("campaign-totals equal to the ground truth")
            .atMost(STEP_TIMEOUT).pollInterval(Duration.ofSeconds(1))
            .failFast("run 3 died: " + run3, () -> !run3.isAlive())
            .until(() -> latestTotals(topics, totalsReader), p -> figures(p, expected.keySet()).equals(expected));
        assertThat(figures(published, expected.keySet())).isEqualTo(expected);
        assertThat(published.keySet()).isSubsetOf(expected.keySet());
        step("campaign-totals equal the ground truth for %d campaigns", expected.size());

        // And every malformed record is in dead-letters exactly once, under its source topic
        List<ConsumerRecord<String, byte[]>> deadLetters = readAll(topics.deadLetters(), new ByteArrayDeserializer());
        Map<String, Long> bySource = deadLetters.stream().collect(Collectors.groupingBy(
            r -> header(r, DeadLetterHeaders.SOURCE_TOPIC), TreeMap::new, Collectors.counting()));
        assertThat(bySource).isEqualTo(workload.malformed());
        assertThat(deadLetters.stream().map(r -> header(r, DeadLetterHeaders.SOURCE_TOPIC) + "/"
            + header(r, DeadLetterHeaders.SOURCE_PARTITION) + "/" + header(r, DeadLetterHeaders.SOURCE_OFFSET)))
            .as("no source record dead-lettered twice").doesNotHaveDuplicates();

        // And run 3's API serves the same totals
        assertApiServes(run3, expected, published);
        step("run 3's API serves the ground truth");

        // And every budget threshold the final spending has reached alerted, and no alert is there twice,
        // though the kills cut transactions that had already decided alerts; run 3's alert store agrees
        List<BudgetAlert> alerts = readAll(topics.budgetAlerts(), alertReader()).stream()
            .map(ConsumerRecord::value).toList();
        assertThat(alerts).extracting(BudgetAlert::getAlertId).as("no alert twice").doesNotHaveDuplicates();
        Set<String> reached = reachedThresholds(workload);
        assertThat(reached).as("the workload crosses budget thresholds").isNotEmpty();
        assertThat(alerts.stream().filter(a -> a.getKind() == AlertKind.THRESHOLD)
            .map(a -> a.getCampaignId() + ":" + a.getThresholdPercent()).collect(Collectors.toSet()))
            .as("thresholds alerted").containsAll(reached);
        assertThat(apiAlertIds(run3, workload)).as("run 3's /alerts lists exactly the committed alerts")
            .isEqualTo(alerts.stream().map(BudgetAlert::getAlertId).sorted().toList());
        step("%d budget alerts, each once; %d thresholds reached by the final spending all alerted",
            alerts.size(), reached.size());

        // And when run 3 stops cleanly, run 4 with a new empty state dir restores the same totals from the
        // changelogs alone
        assertThat(run3.stop()).as("run 3 exit code after SIGTERM (the JVM reports the signal)").isIn(0, 128 + 15);
        step("run 3 stopped; its log: %s", run3.summary());
        Child run4 = startStreams("run-4", stateB, clientConfig);
        assertApiServes(run4, expected, published);
        assertThat(apiAlertIds(run4, workload)).as("run 4 restored the alert store from its changelog")
            .isEqualTo(alerts.stream().map(BudgetAlert::getAlertId).sorted().toList());
        step("run 4's API serves the ground truth and the alerts; its log: %s", run4.summary());
        assertThat(committedInput(topics)).isEqualTo(input);
        assertThat(figures(latestTotals(topics, totalsReader), expected.keySet())).isEqualTo(expected);
        step("kills: run 1 at %,d/%,d committed input (%,d records in its open transaction), "
            + "run 2 at %,d/%,d (%,d)", kill1.committedAfter(), input, kill1.openTransactionRecords(),
            kill2.committedAfter(), input, kill2.openTransactionRecords());
      } finally {
        totalsReader.close();
      }
    } catch (Throwable e) {
      throw new AssertionError(e.getMessage() + System.lineSeparator() + childLogs(), e);
    }
  }

  // --- the workload ---

  /** Campaign:threshold of every threshold the ground truth's granted subsidy has reached. */
  private static Set<String> reachedThresholds(Workload workload) {
    Set<String> reached = new java.util.TreeSet<>();
    for (Campaign c : workload.campaigns()) {
      var truth = workload.truth().campaigns().get(c.getCampaignId());
      if (truth == null || c.getSubsidyBudgetFen() <= 0) {
        continue;
      }
      for (int t : c.getAlertThresholdsPercent()) {
        if (truth.subsidyFen() * 100 >= (long) t * c.getSubsidyBudgetFen()) {
          reached.add(c.getCampaignId() + ":" + t);
        }
      }
    }
    return reached;
  }

  private AvroWireDeserializer<BudgetAlert> alertReader() {
    AvroWireDeserializer<BudgetAlert> reader = new AvroWireDeserializer<>(BudgetAlert.class);
    reader.configure(config.serdeConfig(), false);
    return reader;
  }

  /**
   * Every alert id the child's API lists, over all campaigns, sorted. A 503 (the API's "retry later" while a
   * partition is restoring or moving) is retried; any other status fails at once.
   */
  private List<String> apiAlertIds(Child child, Workload workload) throws IOException {
    int port = child.apiPort();
    List<String> ids = new ArrayList<>();
    for (Campaign c : workload.campaigns()) {
      URI uri = URI.create("http://127.0.0.1:" + port + "/api/campaigns/"
          + java.net.URLEncoder.encode(c.getCampaignId(), StandardCharsets.UTF_8) + "/alerts");
      HttpResponse<String> response = await(child.name + " answers " + uri.getPath()).atMost(STEP_TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .failFast(child.name + " died: " + child, () -> !child.isAlive())
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString()), r -> {
                if (r.statusCode() == 503) {
                  step("%s answered 503, retrying: %s", uri.getPath(), r.body());
                }
                return r.statusCode() != 503;
              });
      assertThat(response.statusCode()).as(uri.getPath() + ": " + response.body()).isEqualTo(200);
      json.readTree(response.body()).forEach(a -> ids.add(a.get("alertId").asText()));
    }
    return ids.stream().sorted().toList();
  }

  /** What was produced: event count, malformed records per topic, the simulator's ground truth. */
  private record Workload(long sent, Map<String, Long> malformed, GroundTruth truth, List<Campaign> campaigns) {
    long malformedTotal() {
      return malformed.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private Workload produceWorkload(TopicNames topics) {
    Scenario scenario = Scenario.defaultScenario().scaled(SCALE).withFaults(FAULTS);
    CampaignSimulator simulator = new CampaignSimulator(scenario, SEED);
    Map<SimEvent.Stream, String> topicOf = Map.of(SimEvent.Stream.CAMPAIGNS, topics.campaigns(),
        SimEvent.Stream.ORDERS, topics.orders(), SimEvent.Stream.FAIR_VISITS, topics.fairVisits(),
        SimEvent.Stream.FAIR_SALES, topics.fairSales());
    Map<String, Long> malformed = new TreeMap<>();
    long sent = 0;
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(config.serdeConfig(), false);
    try (EventSender sender = new EventSender(new KafkaProducer<>(config.producerProperties("crash-test-producer")),
        values, topics)) {
      for (Iterator<SimEvent> events = simulator.events(); events.hasNext(); sent++) {
        SimEvent event = events.next();
        if (event.isMalformed()) {
          malformed.merge(topicOf.get(event.stream()), 1L, Long::sum);
        }
        sender.send(event);
      }
      sender.flush();
      assertThat(sender.acknowledged()).isEqualTo(sent);
    } finally {
      values.close();
    }
    return new Workload(sent, malformed, simulator.groundTruth(), simulator.campaigns());
  }

  /** The ground truth per campaign, in the published fields. */
  private static Map<String, Map<String, Long>> expected(GroundTruth truth) {
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    truth.campaigns().forEach((id, t) -> expected.put(id, figures(t.orders(), t.pendingOrders(), t.consumptionFen(),
        t.orderConsumptionFen(), t.fairSalesFen(), t.fairSales(), t.subsidyFen(), t.pendingSubsidyFen(),
        t.visitors())));
    return expected;
  }

  private static Map<String, Long> figures(long... values) {
    Map<String, Long> figures = new LinkedHashMap<>();
    for (int i = 0; i < FIELDS.size(); i++) {
      figures.put(FIELDS.get(i), values[i]);
    }
    return figures;
  }

  /** Published totals per campaign (all zero for a campaign of {@code ids} with no record yet, as the API does). */
  private static Map<String, Map<String, Long>> figures(Map<String, CampaignTotals> published, Set<String> ids) {
    Map<String, Map<String, Long>> result = new TreeMap<>();
    ids.forEach(id -> result.put(id, figures(0, 0, 0, 0, 0, 0, 0, 0, 0)));
    published.forEach((id, t) -> result.put(id, figures(t.getOrders(), t.getPendingOrders(), t.getConsumptionFen(),
        t.getOrderConsumptionFen(), t.getFairSalesFen(), t.getFairSales(), t.getSubsidyFen(),
        t.getPendingSubsidyFen(), t.getVisitors())));
    return result;
  }

  // --- the child JVM ---

  /** A {@code campaign-pulse streams} JVM started by this test, output in its own log file. */
  private static final class Child {
    final String name;
    final Process process;
    final Path log;

    Child(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** SIGKILL, then the exit code. */
    int kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s gone after SIGKILL", name).isTrue();
      return process.exitValue();
    }

    /** SIGTERM (the app's clean close), then the exit code. */
    int stop() throws InterruptedException {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s gone after SIGTERM", name).isTrue();
      return process.exitValue();
    }

    void destroy() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }

    /** The streams state changes in the log, with their times, and how many stores lost their local state. */
    String summary() throws IOException {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> states = lines.stream().filter(l -> l.contains("streams state "))
          .map(l -> l.substring(0, Math.min(12, l.length())) + " " + l.substring(l.indexOf("streams state ") + 14))
          .toList();
      long wiped = lines.stream().filter(l -> l.contains("wipe out the local state")).count();
      return states + (wiped > 0 ? ", local state of " + wiped + " stores wiped (no checkpoint under EOS)" : "");
    }

    /** The API port the app printed, once it has. */
    Integer apiPort() throws IOException {
      Matcher m = API_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
      return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    @Override
    public String toString() {
      return name + " (pid " + process.pid() + (process.isAlive() ? "" : ", exit " + process.exitValue()) + ")";
    }
  }

  private Child startStreams(String name, Path stateDir, Path clientConfig, String... moreArgs) throws IOException {
    Path log = temp.resolve(name + ".log");
    Path log4j = temp.resolve("child-log4j2.xml");
    if (!Files.exists(log4j)) {
      Files.writeString(log4j, CHILD_LOG4J, StandardCharsets.UTF_8);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // C1 only and the serial collector: half the CPU for these short runs on a small shared machine
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dlog4j2.configurationFile=" + log4j.toUri(),
        "-cp", Path.of("target", "campaign-pulse.jar").toAbsolutePath().toString(),
        "io.campaignpulse.app.CampaignPulse", "streams",
        "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry-url", registry.url(),
        "--application-id", APP_ID,
        "--state-dir", stateDir.toString(),
        "--partitions", Integer.toString(PARTITIONS),
        "--client-config", clientConfig.toString(),
        "--http-port", "0"));
    command.addAll(List.of(moreArgs));
    Process process = new ProcessBuilder(command)
        .directory(temp.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    Child child = new Child(name, process, log);
    children.add(child);
    step("started %s: %s", child, String.join(" ", command));
    return child;
  }

  /**
   * The killed member of the group stays in it until its session expires, and a rebalance waits for that: the
   * broker's minimum (6 s) instead of the consumer's default 45 s keeps each restart short.
   */
  private Path writeClientConfig() throws IOException {
    Path file = temp.resolve("client.properties");
    Files.writeString(file, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n", StandardCharsets.UTF_8);
    return file;
  }

  /** What a kill left behind: the input committed, and records of the transaction it cut off. */
  private record Kill(long committedAfter, long openTransactionRecords, long openAlerts) {
  }

  /** Waits until {@code atLeast} input records are committed, kills the child with SIGKILL, checks it was mid-stream. */
  private Kill killWhenCommitted(Child child, TopicNames topics, long atLeast, long input, boolean afterAlert)
      throws Exception {
    long seen = await(child.name + " committed " + atLeast + " of " + input + " input records")
        .atMost(STEP_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
        .failFast(child.name + " died: " + child, () -> !child.isAlive())
        .until(() -> committedInput(topics), c -> c >= atLeast);
    // kill while a transaction is open on the broker: records written after the last stable offset (and, when
    // asked, among them a budget alert: a threshold was just crossed and its alert not yet committed)
    long t0 = System.nanoTime();
    long openBefore = 0;
    long alertsBefore = 0;
    while (child.isAlive() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(afterAlert ? 60 : 15)
        && ((openBefore = openTransactionRecords(topics)) == 0
            || afterAlert && (alertsBefore = openRecords(List.of(topics.budgetAlerts()))) == 0)) {
      Thread.onSpinWait();
    }
    step("%s: open transaction with %,d records (%,d budget alerts) seen after %d ms", child.name, openBefore,
        alertsBefore, (System.nanoTime() - t0) / 1_000_000);
    int exit = child.kill();
    assertThat(exit).as("%s killed by SIGKILL, not closed", child.name).isEqualTo(SIGKILL_EXIT);
    long committed = committedInput(topics);
    long open = openTransactionRecords(topics);
    step("%s killed (exit %d) with %,d (at least %,d seen) of %,d input records committed; "
        + "%,d records of an open transaction left behind; its log: %s", child.name, exit, committed, seen, input,
        open, child.summary());
    assertThat(committed).as("%s killed mid-stream: input left to process", child.name).isLessThan(input);
    return new Kill(committed, open, alertsBefore);
  }

  // --- reading the cluster ---

  private long inputEndOffsets(TopicNames topics) throws Exception {
    return endOffsets(inputTopics(topics), IsolationLevel.READ_UNCOMMITTED).values().stream()
        .mapToLong(Long::longValue).sum();
  }

  private static List<String> inputTopics(TopicNames topics) {
    return List.of(topics.campaigns(), topics.orders(), topics.fairVisits(), topics.fairSales());
  }

  /** Input records whose processing the application has committed (its consumer group's offsets). */
  private long committedInput(TopicNames topics) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    List<String> inputs = inputTopics(topics);
    return offsets.entrySet().stream().filter(e -> inputs.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /**
   * Records written to the app's topics (outputs, repartition, changelogs) after their last stable offset: the
   * open transaction of a killed instance, which read_committed readers must never see.
   */
  private long openTransactionRecords(TopicNames topics) throws Exception {
    List<String> written = new ArrayList<>(topics.all());
    written.removeAll(inputTopics(topics));
    admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(APP_ID + "-"))
        .forEach(written::add);
    return openRecords(written);
  }

  /** Records of open transactions in these topics: written after their last stable offsets. */
  private long openRecords(List<String> written) throws Exception {
    // stable offsets first: both only grow, so a write between the two requests cannot make the difference negative
    Map<TopicPartition, Long> stable = endOffsets(written, IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, Long> high = endOffsets(written, IsolationLevel.READ_UNCOMMITTED);
    return high.entrySet().stream().mapToLong(e -> e.getValue() - stable.get(e.getKey())).sum();
  }

  private Map<TopicPartition, Long> endOffsets(Collection<String> topicNames, IsolationLevel isolation)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    Map<String, TopicDescription> descriptions = admin.describeTopics(topicNames).allTopicNames()
        .get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    descriptions.values().forEach(d -> d.partitions().forEach(
        p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request, new ListOffsetsOptions(isolation))
        .all().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    result.forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  private Map<String, CampaignTotals> latestTotals(TopicNames topics, Deserializer<CampaignTotals> reader) {
    Map<String, CampaignTotals> latest = new TreeMap<>();
    readAll(topics.campaignTotals(), reader).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  /** Every committed record of a topic, from the beginning up to its last stable offset (read_committed). */
  private <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, V>> read = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("%s read up to %s within 60 s", topic, end).isLessThan(deadline);
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  // --- the API ---

  /**
   * The child's {@code /api/campaigns} lists every campaign of the ground truth with its totals, and agrees with
   * the published record (last event time included).
   */
  private void assertApiServes(Child child, Map<String, Map<String, Long>> expected,
      Map<String, CampaignTotals> published) {
    int port = await(child.name + " printed its API port").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .failFast(child.name + " died: " + child, () -> !child.isAlive())
        .until(child::apiPort, p -> p != null);
    JsonNode served = await(child.name + "'s API serves the ground truth").atMost(STEP_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .failFast(child.name + " died: " + child, () -> !child.isAlive())
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(() -> campaigns(port), body -> body != null && apiFigures(body).equals(expected));
    assertThat(apiFigures(served)).isEqualTo(expected);
    for (JsonNode c : served) {
      CampaignTotals record = published.get(c.get("campaignId").asText());
      if (record != null) {
        assertThat(c.get("lastEventTime").isNull() ? null : c.get("lastEventTime").asText())
            .as("lastEventTime of %s", c.get("campaignId").asText())
            .isEqualTo(record.getLastEventTime() == null ? null : record.getLastEventTime().toString());
      }
    }
  }

  /** The body of {@code GET /api/campaigns}, or null while the stores are not queryable (503). */
  private JsonNode campaigns(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/campaigns")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? json.readTree(response.body()) : null;
  }

  private static Map<String, Map<String, Long>> apiFigures(JsonNode campaigns) {
    Map<String, Map<String, Long>> result = new TreeMap<>();
    for (JsonNode c : campaigns) {
      Map<String, Long> figures = new LinkedHashMap<>();
      FIELDS.forEach(f -> figures.put(f, c.get(f).asLong()));
      result.put(c.get("campaignId").asText(), figures);
    }
    return result;
  }

  // --- diagnostics ---

  /** A progress line with the seconds since the test started, in the test's output. */
  private void step(String format, Object... args) {
    System.out.printf("[%5.1f s, %s] %s%n", (System.nanoTime() - started) / 1e9,
        java.time.LocalTime.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), String.format(format, args));
  }

  private String childLogs() {
    StringBuilder sb = new StringBuilder();
    for (Child child : children) {
      sb.append("--- ").append(child).append(", ").append(child.log).append(" (last 80 lines) ---")
          .append(System.lineSeparator()).append(ChildProcess.tail(child.log, 80)).append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** The app's console logging with its streams state changes, thread names, into the child's log file. */
  private static final String CHILD_LOG4J = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Configuration status="WARN">
        <Appenders>
          <Console name="console" target="SYSTEM_ERR">
            <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n"/>
          </Console>
        </Appenders>
        <Loggers>
          <Logger name="io.campaignpulse" level="INFO"/>
          <Logger name="io.campaignpulse.streams.PulseStreams" level="INFO"/>
          <Logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
          <Logger name="org.apache.kafka.clients.producer.internals.Sender" level="ERROR"/>
          <Logger name="org.apache.kafka.streams.StreamsConfig" level="ERROR"/>
          <Logger name="org.apache.kafka.streams.processor.internals.StateDirectory" level="ERROR"/>
          <Root level="WARN">
            <AppenderRef ref="console"/>
          </Root>
        </Loggers>
      </Configuration>
      """;
}
