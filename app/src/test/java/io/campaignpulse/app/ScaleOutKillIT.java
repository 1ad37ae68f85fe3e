package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.api.ApiServer;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.producers.kafka.Pacer;
import io.campaignpulse.producers.sim.Faults;
import io.campaignpulse.producers.sim.Scenario;
import io.campaignpulse.producers.sim.SimEvent;
import io.campaignpulse.serde.AvroWireDeserializer;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.topology.PipelineTopology;
import io.campaignpulse.streams.totals.OrderState;
import io.campaignpulse.streams.totals.OrderStateSerde;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TopologyDescription;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out survives losing an instance under load: three instances of the streams app, child JVMs
 * ({@code campaign-pulse streams} from the runnable jar) with the same application id, share six partitions with
 * one standby replica of every task ({@code --standby-replicas 1}, exactly-once v2). The simulator keeps sending
 * events at a steady rate, every fault on; once part of them is committed the instance with the most state in its
 * active tasks is killed with SIGKILL (no clean close, an open transaction, no leave-group) mid-commit: an open
 * transaction holds its orders partitions' offsets for the group, unstable until the broker aborts it, as when the
 * kill lands between Kafka Streams adding them and committing (with the default {@code --orders-state-from-input}
 * the group leader's assignor asks for exactly those offsets in the rebalance that follows). The events keep coming
 * until the last. Then:
 *
 * <ul>
 *   <li>the two survivors run every task, the killed instance's among them, and are RUNNING;</li>
 *   <li>{@code campaign-totals} (read_committed, latest per key) and each survivor's {@code /api/campaigns/{id}}
 *       (fresh, not from a standby copy) equal the simulator's ground truth exactly: nothing lost, nothing counted
 *       twice; every malformed record is on {@code dead-letters} once;</li>
 *   <li>no budget alert is on {@code budget-alerts} twice, every threshold the final spending reached has alerted,
 *       and each survivor's {@code /api/alerts} (gathered from both) lists exactly the committed alerts;</li>
 *   <li>the standby replicas shortened the takeover: the changelog records the survivors restored into active
 *       stores after the kill ({@code campaign_pulse_restored_records_total} on {@code /metrics}) are a small part
 *       of what the killed instance's active stores held, which a takeover without a warm copy restores whole.</li>
 * </ul>
 *
 * <p>Kafka's KRaft test-kit broker runs in this JVM, Apicurio Registry as a child process. The consumers' session
 * timeout is the broker's minimum (6 s), so the group notices the killed member quickly. The instances count a task
 * as caught up within 100 changelog records instead of Kafka Streams' 10,000, which is more than a whole task of
 * this small workload holds ({@link #ACCEPTABLE_RECOVERY_LAG}).
 */
class ScaleOutKillIT {

  private static final String APP_ID = "scale-out-kill-test";
  private static final int PARTITIONS = 6;
  private static final List<String> INSTANCES = List.of("instance-a", "instance-b", "instance-c");
  /**
   * Half a percent of the district's year with one gate per fair (gate reports scale with the gates, not with the
   * scale factor): about 7,600 events, trade-in orders crossing budget thresholds among them.
   */
  private static final double SCALE = 0.005;
  private static final long SEED = 20240430L;
  private static final Faults FAULTS = new Faults(0.05, 0.05, 0.05, 0.01, 0);
  /** The load: the whole year in about 30 s, so that it runs before, during and after the takeover. */
  private static final double EVENTS_PER_SECOND = 250;
  private static final double KILL_AT = 0.25;
  /** The part of the events sent before the kill at the most. */
  private static final double HOLD_AT = 0.6;
  /**
   * How far behind a task's changelog an instance may be and still count as caught up for it. Kafka Streams'
   * default, 10,000 records, is more than a whole task of this test holds, so every instance would count as caught
   * up for every task and the assignor would balance freely, moving survivors' tasks to instances without their
   * state (restored from offset 0) as well; a production task is far larger than that (see the README's sizing).
   * 100 records keeps the proportions of a real deployment: only a warm copy counts.
   */
  private static final String ACCEPTABLE_RECOVERY_LAG = "acceptable.recovery.lag=100";
  /** At most this part of the killed instance's changelog records may be restored once a standby takes over. */
  private static final double MAX_RESTORED_PART = 0.25;
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  /** Once all input is committed, the totals follow within a few emit intervals. */
  private static final Duration TOTALS_TIMEOUT = Duration.ofSeconds(30);
  /** The most alerts {@code /api/alerts} lists. */
  private static final int MAX_LISTED_ALERTS = 1000;
  private static final Pattern RESTORED = Pattern.compile(
      "(?m)^campaign_pulse_(restored|standby)_records_total\\{store=\"([^\"]+)\"} ([0-9.E]+)$");

  @TempDir
  Path temp;

  private final Map<String, StreamsChild> children = new LinkedHashMap<>();
  private final Progress progress = new Progress();
  private final ObjectMapper json = new ObjectMapper();
  private DrillCluster drill;
  private PulseConfig config;
  private ClusterProbe probe;
  private Map<String, Set<String>> storesBySource;
  private CompletableFuture<Void> producing;
  private final AtomicLong sent = new AtomicLong();
  private final CountDownLatch killedOne = new CountDownLatch(1);
  private volatile boolean over;

  @AfterEach
  void stopEverything() throws Exception {
    try {
      over = true;
      killedOne.countDown();
      for (StreamsChild child : children.values()) {
        child.destroy();
      }
    } finally {
      if (drill != null) {
        drill.close();
      }
    }
  }

  @Test
  void threeInstancesUnderLoadLoseOneToSigkillAndTheSurvivorsFinishExactlyWithShortRestores() throws Exception {
    StreamsChild.jar();
    try {
      // Given a broker, a registry, the app's topics (6 partitions) and its schemas
      drill = DrillCluster.start(SharedRegistry::get, false, APP_ID, PARTITIONS, 1, temp);
      config = drill.config;
      probe = drill.probe;
      TopicNames topics = drill.topics();
      storesBySource = storesBySourceTopic();
      SimulatedWorkload workload = SimulatedWorkload.simulate(
          oneGatePerFair(Scenario.defaultScenario()).scaled(SCALE).withFaults(FAULTS), SEED);
      long total = workload.size();
      progress.step("broker %s and registry %s up; %,d events to send", drill.bootstrapServers(),
          drill.registry.url(), total);

      // And three instances of the app sharing the work, each with a standby replica of another's tasks
      StreamsChild.Launcher launcher = StreamsChild.Launcher.withShortSessions(temp, drill.bootstrapServers(),
          drill.registry.url(), APP_ID, PARTITIONS);
      for (String name : INSTANCES) {
        Path streamsConfig = temp.resolve(name + "-streams.properties");
        // the instance's name in its clients' ids, so that the group's members say whose tasks are whose
        Files.writeString(streamsConfig, "client.id=" + name + "\n" + ACCEPTABLE_RECOVERY_LAG + "\n",
            StandardCharsets.UTF_8);
        StreamsChild child = launcher.start(name, temp.resolve("state-" + name),
            "--standby-replicas", "1", "--streams-config", streamsConfig.toString());
        children.put(name, child);
        progress.step("started %s: %s", child, child.command);
      }
      Set<TopicPartition> sources = sourcePartitions(topics);
      Map<String, Set<TopicPartition>> before = await("three instances share every partition and are ready")
          .atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .failFast("an instance died", () -> children.values().stream().anyMatch(c -> !c.isAlive()))
          .until(() -> readyAssignment(INSTANCES), a -> a != null && union(a).equals(sources));
      progress.step("running: %s", tasksOf(before));

      // When the simulator sends its events at a steady rate
      // (it holds back the last part until an instance is killed: however slow the machine, events keep coming
      // while the survivors take over)
      Pacer pacer = steadyUntilHeld((long) (total * HOLD_AT));
      producing = CompletableFuture.runAsync(() -> {
        try {
          workload.send(config, "scale-out-producer", pacer, sent);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while sending", e);
        }
      });
      long killAt = (long) (total * KILL_AT);
      await("%,d of the input committed".formatted(killAt)).atMost(STEP_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .failFast("an instance died", () -> children.values().stream().anyMatch(c -> !c.isAlive()))
          .failFast("the producer failed", () -> producing.isCompletedExceptionally())
          .until(() -> probe.committedInput(APP_ID, topics), c -> c >= killAt);

      // And the instance with the most committed changelog records in its active tasks is killed with SIGKILL
      Map<String, Set<TopicPartition>> active = await("the group is stable").atMost(STEP_TIMEOUT)
          .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .until(() -> assignment(INSTANCES), a -> a != null && union(a).equals(sources));
      Map<String, Set<TopicPartition>> changelogs = new TreeMap<>();
      for (Map.Entry<String, Set<TopicPartition>> instance : active.entrySet()) {
        changelogs.put(instance.getKey(), changelogPartitions(instance.getValue()));
      }
      Map<TopicPartition, Long> stable = probe.endOffsets(changelogTopics(), IsolationLevel.READ_COMMITTED);
      String victim = INSTANCES.stream().max(Comparator.comparingLong(
          name -> changelogs.get(name).stream().mapToLong(stable::get).sum())).orElseThrow();
      List<String> survivors = INSTANCES.stream().filter(n -> !n.equals(victim)).toList();
      Map<String, Long> restoredBefore = restoreMetrics(survivors, "restored");
      Map<String, Long> standbyBefore = restoreMetrics(survivors, "standby");
      StreamsChild killed = children.get(victim);
      // (killed mid-commit: a transaction of its own holds its orders partitions' offsets when it dies, as when the
      // kill lands between Kafka Streams adding them and committing; they stay unstable until the broker aborts it)
      Map<TopicPartition, OffsetAndMetadata> held = openTransactionHoldingOffsets(victim,
          active.get(victim).stream().filter(tp -> tp.topic().equals(topics.orders())).collect(Collectors.toSet()));
      progress.step("an open transaction of %s holds the offsets %s", victim, held);
      assertThat(killed.kill()).as("%s killed by SIGKILL", victim).isEqualTo(StreamsChild.SIGKILL_EXIT);
      long sentAtKill = sent.get();
      killedOne.countDown();
      long committedAtKill = probe.committedInput(APP_ID, topics);
      // the stable offsets of its changelogs: its open transaction holds them until it is aborted, and nothing else
      // writes there until a survivor runs the task, so what a restore reads from scratch is what lies below them
      Map<TopicPartition, Long> victimChangelogs = new HashMap<>(probe.endOffsets(
          changelogs.get(victim).stream().map(TopicPartition::topic).collect(Collectors.toSet()),
          IsolationLevel.READ_COMMITTED));
      victimChangelogs.keySet().retainAll(changelogs.get(victim));
      progress.step("killed %s with %,d of %,d events sent and %,d committed; its active tasks: %s", killed,
          sentAtKill, total, committedAtKill, tasksOf(Map.of(victim, active.get(victim))));
      assertThat(active.get(victim)).as("the killed instance ran tasks").isNotEmpty();
      assertThat(sentAtKill).as("events still to send after the kill").isLessThan(total);

      // Then the survivors take over the killed instance's tasks while the events keep coming
      Map<String, Set<TopicPartition>> after = await("the survivors run every task").atMost(STEP_TIMEOUT)
          .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .failFast("a survivor died", () -> survivors.stream().anyMatch(n -> !children.get(n).isAlive()))
          .until(() -> readyAssignment(survivors), a -> a != null && union(a).equals(sources));
      long sentAtTakeover = sent.get();
      progress.step("the survivors run every task with %,d of %,d events sent: %s", sentAtTakeover, total,
          tasksOf(after));
      assertThat(union(after)).containsAll(active.get(victim));
      producing.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      progress.step("all %,d events sent", sent.get());
      assertThat(sentAtTakeover).as("events sent while the survivors took over").isGreaterThan(sentAtKill);
      assertThat(probe.inputEnd(topics)).isEqualTo(total);

      // And every event is counted exactly once
      await("all input committed").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(500))
          .failFast("a survivor died", () -> survivors.stream().anyMatch(n -> !children.get(n).isAlive()))
          .until(() -> probe.committedInput(APP_ID, topics), c -> c == total);
      Map<String, Map<String, Long>> expected = workload.expected();
      AvroWireDeserializer<CampaignTotals> totalsReader = new AvroWireDeserializer<>(CampaignTotals.class);
      totalsReader.configure(config.serdeConfig(), false);
      try {
        Map<String, CampaignTotals> published;
        try {
          published = await("campaign-totals equal to the ground truth")
              .atMost(TOTALS_TIMEOUT).pollInterval(Duration.ofSeconds(1))
              .until(() -> probe.latest(topics.campaignTotals(), totalsReader),
                  p -> SimulatedWorkload.figures(p, expected.keySet()).equals(expected));
        } catch (ConditionTimeoutException e) {
          throw new AssertionError(e.getMessage() + System.lineSeparator()
              + mismatch(workload, probe.latest(topics.campaignTotals(), totalsReader)), e);
        }
        assertThat(SimulatedWorkload.figures(published, expected.keySet())).isEqualTo(expected);
        assertThat(published.keySet()).isSubsetOf(expected.keySet());
      } finally {
        totalsReader.close();
      }
      assertThat(probe.deadLettersBySource(topics)).isEqualTo(workload.malformed(topics));
      progress.step("campaign-totals equal the ground truth for %d campaigns; dead letters each once",
          expected.size());
      for (String name : survivors) {
        assertCampaignsServed(children.get(name), expected);
      }
      progress.step("both survivors serve every campaign's ground truth, fresh");

      // And no alert is there twice, every threshold the final spending reached alerted, and the survivors list
      // exactly the committed alerts
      List<BudgetAlert> alerts = workload.checkedAlerts(probe, config);
      List<String> alertIds = alerts.stream().map(BudgetAlert::getAlertId).sorted().toList();
      assertThat(alertIds).as("fewer alerts than the API lists at most").hasSizeLessThan(MAX_LISTED_ALERTS);
      for (String name : survivors) {
        assertThat(children.get(name).recentAlertIds(MAX_LISTED_ALERTS)).as("%s's /api/alerts", name)
            .isEqualTo(alertIds);
      }
      progress.step("%d budget alerts, each once; %d thresholds reached, all alerted", alerts.size(),
          workload.reachedThresholds().size());

      // And the standby replicas made the takeover short: the survivors restored a small part of what the killed
      // instance's active stores held, because they had read most of it as standbys already
      long coldRestore = probe.committedRecordsBelow(victimChangelogs);
      Map<String, Long> restoredAfter = restoreMetrics(survivors, "restored");
      long restored = survivors.stream().mapToLong(n -> restoredAfter.get(n) - restoredBefore.get(n)).sum();
      long standbyRead = standbyBefore.values().stream().mapToLong(Long::longValue).sum();
      progress.step("after the kill the survivors restored %,d changelog records (before %s, after %s); the killed "
          + "instance's active stores held %,d (%.1f%%); the survivors' standbys had read %,d records before the kill",
          restored, restoredBefore, restoredAfter, coldRestore, 100.0 * restored / Math.max(1, coldRestore),
          standbyRead);
      for (String name : survivors) {
        children.get(name).logLines("RestoreTracker").forEach(l -> progress.step("%s: %s", name, l));
        // evidence that a rebalance met the open transaction's unstable offsets (the leader's assignor gave up on
        // them after the main consumer's bound and kept the previous owners); logged, not asserted: it depends on
        // the rebalance coming before the broker aborts that transaction
        children.get(name).logLines("Failed to retrieve all end offsets").forEach(l -> progress.step("%s: %s", name,
            l.length() > 200 ? l.substring(0, 200) + " ..." : l));
      }
      Path keep = Path.of("target", "scale-out-kill-logs"); // each rebalance's lags and placement, for a failure
      Files.createDirectories(keep);
      for (StreamsChild child : children.values()) {
        Files.copy(child.log, keep.resolve(child.name + ".log"), StandardCopyOption.REPLACE_EXISTING);
      }
      assertThat(standbyRead).as("the survivors' standby replicas read changelog records").isPositive();
      assertThat(coldRestore).as("the killed instance's active stores held records").isPositive();
      assertThat(restored).as("records restored after the kill, against the %,d a restore from scratch reads",
          coldRestore).isLessThan((long) (coldRestore * MAX_RESTORED_PART));

      // And the survivors are RUNNING, ready to answer
      for (String name : survivors) {
        StreamsChild child = children.get(name);
        assertThat(child.get("/ready").statusCode()).as("%s /ready", name).isEqualTo(200);
        progress.step("%s: %s", name, child.summary());
      }
    } catch (Throwable e) {
      throw new AssertionError(e.getMessage() + System.lineSeparator()
          + StreamsChild.logs(children.values(), 60), e);
    }
  }

  // --- when the totals are wrong ---

  /**
   * What to look at when the totals stay off: per campaign, the published figures that differ from the ground
   * truth; whether stage one's order states ({@code orders-latest-store}, read_committed) hold each order's last
   * version (then the changes were lost between stage one and the totals) or not (then stage one never processed
   * them); the size of each partition's last committed pending-changes snapshot (a few bytes when nothing waits, more
   * when changes were never sent on); the children's logs, copied to {@code target/scale-out-kill-logs/}.
   */
  private String mismatch(SimulatedWorkload workload, Map<String, CampaignTotals> published) throws Exception {
    StringBuilder out = new StringBuilder();
    Map<String, Map<String, Long>> got = SimulatedWorkload.figures(published, workload.expected().keySet());
    workload.expected().forEach((id, want) -> {
      if (!want.equals(got.get(id))) {
        out.append(id).append(": published ").append(got.get(id)).append(", ground truth ").append(want)
            .append(System.lineSeparator());
      }
    });
    Map<String, TradeInOrder> last = new TreeMap<>();
    for (SimEvent event : workload.events()) {
      if (event.value() instanceof TradeInOrder o
          && (!last.containsKey(o.getOrderId()) || last.get(o.getOrderId()).getVersion() < o.getVersion())) {
        last.put(o.getOrderId(), o);
      }
    }
    String ordersChangelog = APP_ID + "-" + StoreNames.ORDERS_LATEST + "-changelog";
    Map<String, OrderState> states = changelogTopics().contains(ordersChangelog)
        ? probe.latest(ordersChangelog, new OrderStateSerde().deserializer())
        : Map.of(); // --orders-state-from-input: no changelog of its own to look at
    long behind = last.values().stream().filter(o -> states.get(o.getOrderId()) == null
        || states.get(o.getOrderId()).version() != o.getVersion()).count();
    out.append(String.format("stage one holds the last version of %,d of %,d orders%n", last.size() - behind,
        last.size()));
    for (String store : List.of(StoreNames.ORDER_PENDING, StoreNames.FAIR_SALE_PENDING, StoreNames.FAIR_VISIT_PENDING)) {
      Map<String, Integer> chunkBytes = new TreeMap<>();
      probe.readAll(APP_ID + "-" + store + "-changelog", new ByteArrayDeserializer()).forEach(r ->
          chunkBytes.put(r.partition() + "/" + r.key(), r.value() == null ? 0 : r.value().length));
      Map<Integer, Integer> bytes = new TreeMap<>();
      chunkBytes.forEach((chunk, size) -> bytes.merge(Integer.valueOf(chunk.substring(0, chunk.indexOf('/'))), size,
          Integer::sum));
      out.append(store).append(" snapshot bytes by partition: ").append(bytes).append(System.lineSeparator());
    }
    Path logs = Path.of("target", "scale-out-kill-logs");
    Files.createDirectories(logs);
    for (StreamsChild child : children.values()) {
      Files.copy(child.log, logs.resolve(child.name + ".log"), StandardCopyOption.REPLACE_EXISTING);
    }
    return out.append("the instances' logs: ").append(logs.toAbsolutePath()).toString();
  }

  // --- the workload ---

  /** The scenario with one counting gate per fair: its gate reports are most of a year's events otherwise. */
  private static Scenario oneGatePerFair(Scenario s) {
    List<Scenario.FairSpec> fairs = s.fairs().stream().map(f -> new Scenario.FairSpec(f.fairId(), f.campaignId(),
        f.name(), f.venue(), f.street(), f.type(), f.start(), f.days(), 1, f.visitorsPerDay(), f.salesYuan()))
        .toList();
    return new Scenario(s.name(), s.description(), s.notes(), s.year(), s.timeZone(), s.start(), s.end(), s.scale(),
        s.calendar(), s.streets(), s.merchants(), s.tradeIn(), s.campaigns(), s.fairTypes(), fairs, s.faults());
  }

  /**
   * {@link #EVENTS_PER_SECOND}; from the {@code holdAt}th event on only once an instance has been killed, then at
   * the same rate again. Stops the sender when the test is over.
   */
  private Pacer steadyUntilHeld(long holdAt) {
    Pacer before = Pacer.rate(EVENTS_PER_SECOND);
    Pacer[] after = new Pacer[1];
    return eventTime -> {
      if (over) {
        throw new InterruptedException("the test is over");
      }
      if (sent.get() < holdAt) {
        before.await(eventTime);
        return;
      }
      if (after[0] == null) {
        killedOne.await();
        after[0] = Pacer.rate(EVENTS_PER_SECOND);
      }
      after[0].await(eventTime);
    };
  }

  // --- the group and its tasks ---

  /**
   * The stores of each sub-topology, by the topics its sources read (as the topology names them: repartition topics
   * without the application id).
   */
  private Map<String, Set<String>> storesBySourceTopic() {
    Map<String, Set<String>> bySource = new TreeMap<>();
    TopologyDescription description = PipelineTopology.build(config.topics(), config.analytics(), config.alerts(),
        Clock.systemUTC(), new PipelineMetrics()).describe();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      Set<String> stores = new TreeSet<>();
      Set<String> subSources = new TreeSet<>();
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        } else if (node instanceof TopologyDescription.Source s) {
          subSources.addAll(s.topicSet());
        }
      }
      subSources.forEach(t -> bySource.put(t, stores));
    }
    return bySource;
  }

  /**
   * The partitions of the topics the app's tasks read: the inputs and the repartition topics. A task runs where
   * its partitions are assigned, so they say which instance runs which active task.
   */
  private Set<TopicPartition> sourcePartitions(TopicNames topics) {
    Set<TopicPartition> partitions = new HashSet<>();
    for (String source : storesBySource.keySet()) {
      String topic = ClusterProbe.inputTopics(topics).contains(source) ? source : APP_ID + "-" + source;
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
    }
    return partitions;
  }

  /**
   * Leaves what an instance killed mid-commit leaves: an open transaction (a producer of the instance's name that is
   * never committed nor aborted) holding the group's current offsets of {@code partitions}, until the broker aborts
   * it after Kafka Streams' transaction timeout (10 s).
   */
  private Map<TopicPartition, OffsetAndMetadata> openTransactionHoldingOffsets(String instance,
      Set<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = probe.admin().listConsumerGroupOffsets(APP_ID)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    partitions.forEach(tp -> offsets.put(tp, committed.get(tp)));
    offsets.values().removeIf(java.util.Objects::isNull);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, drill.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, APP_ID + "-" + instance + "-mid-commit");
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer());
    producer.initTransactions();
    producer.beginTransaction();
    producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(APP_ID));
    producer.close(Duration.ZERO); // a forced close neither commits nor aborts
    return offsets;
  }

  /** The changelog topics of the app (and the orders topic, the changelog of orders-latest-store by default). */
  private Set<String> changelogTopics() throws Exception {
    return probe.admin().listTopics().names().get(10, TimeUnit.SECONDS).stream()
        .filter(t -> t.startsWith(APP_ID + "-") && t.endsWith("-changelog") || t.equals(drill.topics().orders()))
        .collect(Collectors.toSet());
  }

  /**
   * The changelog partitions of the stores of the tasks that read these source partitions: a task's changelog
   * partitions have its source partitions' number.
   */
  private Set<TopicPartition> changelogPartitions(Set<TopicPartition> sourcePartitions) throws Exception {
    Set<String> existing = changelogTopics();
    Set<TopicPartition> partitions = new HashSet<>();
    for (TopicPartition source : sourcePartitions) {
      String raw = source.topic().startsWith(APP_ID + "-") ? source.topic().substring(APP_ID.length() + 1)
          : source.topic();
      assertThat(storesBySource).as("the sub-topology reading %s", raw).containsKey(raw);
      for (String store : storesBySource.get(raw)) {
        String changelog = APP_ID + "-" + store + "-changelog";
        if (store.equals(StoreNames.ORDERS_LATEST) && !existing.contains(changelog)) {
          changelog = source.topic(); // --orders-state-from-input: the orders topic is its changelog
        }
        assertThat(existing).as("changelog topics").contains(changelog);
        partitions.add(new TopicPartition(changelog, source.partition()));
      }
    }
    return partitions;
  }

  /**
   * The source partitions each of these instances runs, by instance, while the group is stable with exactly
   * their stream threads as members; null otherwise.
   */
  private Map<String, Set<TopicPartition>> assignment(List<String> instances) throws Exception {
    ConsumerGroupDescription group = probe.admin().describeConsumerGroups(List.of(APP_ID)).describedGroups()
        .get(APP_ID).get(10, TimeUnit.SECONDS);
    if (group.groupState() != GroupState.STABLE) {
      return null;
    }
    Map<String, Set<TopicPartition>> byInstance = new TreeMap<>();
    for (MemberDescription member : group.members()) {
      int thread = member.clientId().indexOf("-StreamThread-");
      String instance = thread < 0 ? member.clientId() : member.clientId().substring(0, thread);
      byInstance.computeIfAbsent(instance, i -> new HashSet<>()).addAll(member.assignment().topicPartitions());
    }
    return byInstance.keySet().equals(new TreeSet<>(instances)) ? byInstance : null;
  }

  /** {@link #assignment}, once every one of these instances answers {@code /ready} (RUNNING, stores queryable). */
  private Map<String, Set<TopicPartition>> readyAssignment(List<String> instances) throws Exception {
    for (String name : instances) {
      if (children.get(name).get("/ready").statusCode() != 200) {
        return null;
      }
    }
    return assignment(instances);
  }

  private static Set<TopicPartition> union(Map<String, Set<TopicPartition>> assignment) {
    return assignment.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
  }

  /** Per instance, its source partitions in short: topic-partition, sorted. */
  private static String tasksOf(Map<String, Set<TopicPartition>> assignment) {
    Map<String, String> shown = new TreeMap<>();
    assignment.forEach((name, partitions) -> shown.put(name, partitions.stream()
        .map(tp -> tp.topic().replace(APP_ID + "-", "").replace("-repartition", "") + "-" + tp.partition())
        .sorted().collect(Collectors.joining(" "))));
    return shown.toString();
  }

  // --- the instances' API and metrics ---

  /**
   * Each campaign of the ground truth, asked of this instance one by one: answered fresh (from the active copy
   * here or on the instance it forwards to, not from a standby) with the ground truth's figures.
   */
  private void assertCampaignsServed(StreamsChild child, Map<String, Map<String, Long>> expected) {
    for (Map.Entry<String, Map<String, Long>> campaign : expected.entrySet()) {
      String path = "/api/campaigns/" + URLEncoder.encode(campaign.getKey(), StandardCharsets.UTF_8);
      HttpResponse<String> response = child.getOk(path);
      assertThat(response.headers().firstValue(ApiServer.STALE)).as("%s %s stale", child.name, path).isEmpty();
      try {
        assertThat(SimulatedWorkload.apiFigures(json.readTree(response.body())))
            .as("%s %s", child.name, path).isEqualTo(campaign.getValue());
      } catch (IOException e) {
        throw new AssertionError(path + ": " + response.body(), e);
      }
    }
  }

  /** Per instance, the changelog records it counted on {@code /metrics}: "restored" or "standby", all stores. */
  private Map<String, Long> restoreMetrics(List<String> instances, String kind) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    for (String name : instances) {
      HttpResponse<String> metrics = children.get(name).get("/metrics");
      assertThat(metrics.statusCode()).as("%s /metrics", name).isEqualTo(200);
      Matcher m = RESTORED.matcher(metrics.body());
      long sum = 0;
      int stores = 0;
      while (m.find()) {
        if (m.group(1).equals(kind)) {
          sum += (long) Double.parseDouble(m.group(3));
          stores++;
        }
      }
      assertThat(stores).as("%s: %s records metric per store", name, kind).isPositive();
      counts.put(name, sum);
    }
    return counts;
  }
}
