package io.campaignpulse.bench;

import io.campaignpulse.app.PipelineService;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.serde.AvroWireSerde;
import io.campaignpulse.serde.AvroWireSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The real topology on a real broker: {@code bench streams}.
 *
 * <ol>
 *   <li>Warm-up (unless {@code warmupEvents} is 0): a workload of its own through a throwaway pipeline (and the
 *       peer), checked exact; its rate is the report's cold start.</li>
 *   <li>Workload: {@link OrderWorkload} generates the order events in memory from the seed; they are serialized
 *       once with the project's {@link AvroWireSerializer} against the registry, and fed in topic order to
 *       {@link StreamsReference}, which computes the expected per-campaign totals.</li>
 *   <li>The campaign definitions and all order events are produced into the pipeline's topics (created as the app
 *       creates them) before the pipeline starts.</li>
 *   <li>Kafka's tools on the same broker: {@code ProducerPerformance} with as many records of the same average size
 *       (fresh topic, the project's producer settings), {@code ConsumerPerformance} reading the input topic.</li>
 *   <li>Throughput: the app's {@link PipelineService} starts (exactly_once_v2 as the app configures it); the clock
 *       runs from KafkaStreams RUNNING until the app's committed offsets cover the whole input topic and
 *       {@code campaign-totals} (read_committed) equals the reference for every campaign. The benchmark fails if
 *       that does not happen (no progress for {@link #STALL_SECONDS} s, or the timeout).</li>
 *   <li>Latency: {@link LatencyPhase} on the running pipeline; then the totals must again equal the reference
 *       (workload, live orders and probes).</li>
 *   <li>The straightforward DSL peer on the same input topic, timed and checked the same way.</li>
 * </ol>
 */
public final class StreamsBenchmark {

  /**
   * What to run. {@code streamsProperties} go to the pipeline only, after {@code clientConfig} (all clients);
   * {@code ordersFromInput} restores {@code orders-latest-store} from the orders topic (the app's
   * {@code --orders-state-from-input}).
   */
  public record Plan(long events, int orders, int campaigns, int partitions, short replicationFactor, long seed,
      LatencyPhase.Plan latency, long commitIntervalMs, Map<String, String> streamsProperties, Path clientConfig,
      Duration timeout, Path workDir, boolean peer, long warmupEvents, boolean ordersFromInput) {
  }

  /** The first order events are this far in the past: the trade-in campaigns of May 2024, over four weeks. */
  static final Instant WORKLOAD_START = Instant.parse("2024-05-05T16:00:00Z"); // 2024-05-06 00:00 in Beijing
  static final int WORKLOAD_DAYS = 28;
  static final double DUPLICATE_SHARE = 0.01;
  static final double OUT_OF_ORDER_SHARE = 0.03;
  static final long STALL_SECONDS = 180;
  static final long WARMUP_SEED_OFFSET = 1_000_003;
  private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
  private static final long PROGRESS_EVERY_MS = 5_000;

  private final Plan plan;
  private final BenchServices services;
  private final PrintStream log;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  public StreamsBenchmark(Plan plan, BenchServices services, PrintStream log) {
    this.plan = plan;
    this.services = services;
    this.log = log;
  }

  /** Runs every phase; throws {@link BenchException} when the totals do not equal the reference. */
  public StreamsReport run() {
    try (RunDir workDir = RunDir.create(plan.workDir(), "streams", runId)) {
      return run(workDir.path());
    }
  }

  private StreamsReport run(Path workDir) {
    TopicNames names = services.topicNames(runId);
    String applicationId = "campaign-pulse-bench-" + runId;
    PulseConfig clients = config(names, applicationId, workDir.resolve("state"), plan.clientConfig());
    PulseConfig pipelineConfig = config(names, applicationId, workDir.resolve("state"), pipelineClientConfig(workDir));
    CpuMeter cpu = new CpuMeter(services.brokerPid());

    try (AvroWireSerializer<SpecificRecord> serializer = serializer(clients)) {
      StreamsReport.Warmup warmup = plan.warmupEvents() > 0 ? warmUp(workDir, serializer, cpu) : null;

      Input input = prepare(clients, names, plan.events(), plan.orders(), plan.seed(), serializer);
      Map<String, StreamsReference.Figures> expected = input.expected();
      BenchCampaigns campaigns = input.campaigns();
      StreamsReference reference = input.reference();
      int recordSize = (int) Math.round(input.keyBytes() + input.valueBytes());

      Throughput producerPerf;
      try (BenchTopics topics = new BenchTopics(services.bootstrapServers(), plan.partitions())) {
        String topic = topics.create("producer-perf");
        settle();
        producerPerf = new KafkaPerfRun().run(topic, plan.events(), recordSize,
            new ProducerSettings(services.bootstrapServers(), ProducerSettings.PROJECT_COMPRESSION)).throughput();
      }
      log.printf("Kafka ProducerPerformance: %,.0f records/s, %.2f MB/s (%,d records of %d B)%n",
          producerPerf.recordsPerSec(), producerPerf.mbPerSec(), plan.events(), recordSize);
      settle();
      ConsumerPerfRun.Summary consumerPerf = new ConsumerPerfRun().run(services.bootstrapServers(), names.orders(),
          plan.events());
      log.printf("Kafka ConsumerPerformance on %s: %,.0f records/s while fetching (%,.0f records/s with the group "
          + "join)%n", names.orders(), consumerPerf.fetchRecordsPerSec(), consumerPerf.recordsPerSec());

      settle();
      try (Admin admin = Admin.create(clients.adminProperties());
           TotalsWatcher watcher = new TotalsWatcher(clients.commonProperties(), clients.serdeConfig(),
               names.campaignTotals(), BenchCampaigns.PROBE_CAMPAIGN_ID).start()) {
        Map<TopicPartition, Long> inputEnd = inputEnd(admin, names.orders(), plan.events());
        watcher.expect(expected);
        PipelineService service = startPipeline(pipelineConfig, applicationId, inputEnd);
        try {
          Timed timed = timeToExactTotals(admin, applicationId, inputEnd, watcher, service, cpu, expected);
          StreamsReport.Pipeline pipeline = new StreamsReport.Pipeline(timed.secondsToRunning(), timed.seconds(),
              timed.consumedSeconds(), plan.events(), input.totalBytes(), timed.jvmCpuSeconds(),
              timed.brokerCpuSeconds(), expected.size(), records(admin, names.deadLetters()),
              timed.converged().secondHalfRate(), timed.converged().lastQuarterRate(),
              written(admin, applicationId, names));

          StreamsReport.Latency latency = null;
          if (plan.latency().seconds() > 0) {
            latency = latency(clients, names, serializer, campaigns, reference, watcher, cpu, service);
          }
          StreamsReport.Peer peer = null;
          if (plan.peer()) {
            service.close();
            peer = peer(clients, applicationId + "-dsl-peer", names.orders(), workDir.resolve("peer-state"), admin,
                cpu, reference.totals());
          }
          StreamsReport.Setup setup = new StreamsReport.Setup(LocalDate.now(), plan.events(), plan.orders(),
              plan.campaigns(), input.duplicates(), input.outOfOrder(), plan.seed(), plan.partitions(),
              plan.commitIntervalMs(), overrides(), services.startedHere()
                  ? "local KRaft broker (child JVM) on this machine" : services.bootstrapServers(),
              Runtime.getRuntime().availableProcessors(), input.keyBytes(), input.valueBytes());
          return new StreamsReport(setup, producerPerf, consumerPerf, input.preload(), pipeline, latency, peer,
              warmup);
        } finally {
          service.close();
          if (!services.startedHere()) {
            deleteTopics(admin, names, applicationId, log);
          }
        }
      }
    }
  }

  /**
   * Warms both JVMs up, as a long-running broker and app are: a smaller workload of its own (its own seed and
   * topics) through a throwaway instance of the pipeline, timed and checked like the measured run, then through
   * the DSL peer when the plan has one. The pipeline's warm-up run is the cold-start figure of the report.
   */
  private StreamsReport.Warmup warmUp(Path workDir, AvroWireSerializer<SpecificRecord> serializer, CpuMeter cpu) {
    TopicNames names = prefixed((services.startedHere() ? "" : "bench-" + runId + "-") + "warmup-");
    String applicationId = "campaign-pulse-bench-warmup-" + runId; // not the measured run's prefix: see written()
    PulseConfig clients = config(names, applicationId, workDir.resolve("warmup-state"), plan.clientConfig());
    PulseConfig pipelineConfig = config(names, applicationId, workDir.resolve("warmup-state"),
        pipelineClientConfig(workDir));
    long events = plan.warmupEvents();
    int orders = (int) Math.max(1, Math.round(events * (double) plan.orders() / plan.events()));
    log.printf("warm-up: a workload of its own through the pipeline%s, in topics prefixed 'warmup-'%n",
        plan.peer() ? " and the DSL peer" : "");
    Input input = prepare(clients, names, events, orders, plan.seed() + WARMUP_SEED_OFFSET, serializer);
    settle();
    try (Admin admin = Admin.create(clients.adminProperties());
         TotalsWatcher watcher = new TotalsWatcher(clients.commonProperties(), clients.serdeConfig(),
             names.campaignTotals(), BenchCampaigns.PROBE_CAMPAIGN_ID).start()) {
      Map<TopicPartition, Long> inputEnd = inputEnd(admin, names.orders(), events);
      watcher.expect(input.expected());
      Timed timed;
      PipelineService service = startPipeline(pipelineConfig, applicationId, inputEnd);
      try {
        timed = timeToExactTotals(admin, applicationId, inputEnd, watcher, service, cpu, input.expected());
      } finally {
        service.close();
      }
      StreamsReport.Peer peer = plan.peer() ? peer(clients, applicationId + "-dsl-peer", names.orders(),
          workDir.resolve("warmup-peer-state"), admin, cpu, input.expected()) : null;
      if (!services.startedHere()) {
        deleteTopics(admin, names, applicationId, log);
      }
      return new StreamsReport.Warmup(events, timed.secondsToRunning(), timed.seconds(),
          timed.jvmCpuSeconds(), timed.brokerCpuSeconds(), peer);
    }
  }

  /** The app's configuration for one run's topics and application, with the given client properties file. */
  private PulseConfig config(TopicNames names, String applicationId, Path stateDir, Path clientConfig) {
    return new PulseConfig(services.bootstrapServers(), services.schemaRegistryUrl(), names, plan.partitions(),
        plan.replicationFactor(), applicationId, stateDir, plan.commitIntervalMs(), 0, clientConfig)
        .withOrdersFromInput(plan.ordersFromInput());
  }

  /** A workload in its topics: the reference model's figures and what it took to get there. */
  private record Input(BenchCampaigns campaigns, StreamsReference reference, Map<String, StreamsReference.Figures> expected,
      int duplicates, int outOfOrder, Throughput preload, double keyBytes, double valueBytes, long totalBytes) {
  }

  /**
   * Generates a workload, serializes it once, feeds it to a fresh reference model, registers the schemas, creates
   * the topics as the app does, and pre-produces campaigns and orders.
   */
  private Input prepare(PulseConfig clients, TopicNames names, long events, int orders, long seed,
      AvroWireSerializer<SpecificRecord> serializer) {
    log.printf("generating %,d order events (%,d orders, %d campaigns, seed %d) ...%n", events, orders,
        plan.campaigns(), seed);
    long t = System.nanoTime();
    BenchCampaigns campaigns = BenchCampaigns.create(plan.campaigns(), merchants(orders), WORKLOAD_START, seed);
    OrderWorkload workload = OrderWorkload.generate(new OrderWorkload.Spec(events, orders, DUPLICATE_SHARE,
        OUT_OF_ORDER_SHARE, WORKLOAD_START, WORKLOAD_DAYS, "TI", seed), campaigns);
    int duplicates = workload.duplicates();
    int outOfOrder = workload.outOfOrderOrders();

    SchemaBootstrap.registerAll(services.schemaRegistryUrl(), names);
    List<String> created = TopicProvisioner.ensureTopics(clients.adminProperties(), names, plan.partitions(),
        plan.replicationFactor());
    if (!created.isEmpty()) {
      log.printf("created topics %s%n", created);
    }

    StreamsReference reference = new StreamsReference();
    SerializedOrders data = SerializedOrders.of(workload, serializer, names.orders(), reference);
    workload = null; // the columns are no longer needed: let the pipeline have the heap
    Map<String, StreamsReference.Figures> expected = reference.totals();
    log.printf("generated and serialized in %.1f s: %,d events, %,d duplicates, %,d orders with a version out of "
        + "order; %.1f B key + %.1f B value per record; reference totals for %d campaigns%n",
        (System.nanoTime() - t) / 1e9, data.size(), duplicates, outOfOrder, data.averageKeyBytes(),
        data.averageValueBytes(), expected.size());

    Throughput preload = preload(clients, names, campaigns, serializer, data);
    log.printf("pre-produced into %s: %,.0f records/s, %.2f MB/s%n", names.orders(), preload.recordsPerSec(),
        preload.mbPerSec());
    return new Input(campaigns, reference, expected, duplicates, outOfOrder, preload, data.averageKeyBytes(),
        data.averageValueBytes(), data.totalBytes());
  }

  /** The input topic's end offsets, checked to hold exactly {@code events} records. */
  private Map<TopicPartition, Long> inputEnd(Admin admin, String topic, long events) {
    Map<TopicPartition, Long> end = endOffsets(admin, topic);
    long records = end.values().stream().mapToLong(Long::longValue).sum();
    if (records != events) {
      throw new BenchException(topic + " holds " + records + " records, expected " + events
          + (services.startedHere() ? "" : " (was the topic there before?)"));
    }
    return end;
  }

  private PipelineService startPipeline(PulseConfig config, String applicationId,
      Map<TopicPartition, Long> inputEnd) {
    log.printf("starting the pipeline (application.id %s) on %,d events ...%n", applicationId,
        inputEnd.values().stream().mapToLong(Long::longValue).sum());
    return PipelineService.start(config, "127.0.0.1", 0);
  }

  /** A pipeline run from start to exact totals: its times (seconds) and the CPU of both processes over it. */
  private record Timed(double secondsToRunning, double seconds, double consumedSeconds, Converged converged,
      double jvmCpuSeconds, double brokerCpuSeconds) {
  }

  /** Waits for the just-started {@code service} to be RUNNING, then for exact totals; fails otherwise. */
  private Timed timeToExactTotals(Admin admin, String applicationId, Map<TopicPartition, Long> inputEnd,
      TotalsWatcher watcher, PipelineService service, CpuMeter cpu, Map<String, StreamsReference.Figures> expected) {
    long startNanos = System.nanoTime();
    if (!awaitRunning(service)) {
      throw new BenchException("the pipeline was not RUNNING after " + RUNNING_TIMEOUT.toSeconds() + " s: "
          + service.streams().state());
    }
    long runningNanos = System.nanoTime();
    CpuMeter.Snapshot cpuRunning = cpu.snapshot();
    long events = inputEnd.values().stream().mapToLong(Long::longValue).sum();
    log.printf("pipeline RUNNING after %.2f s; waiting until it has consumed all %,d events and "
        + "campaign-totals equals the reference ...%n", (runningNanos - startNanos) / 1e9, events);
    Converged converged = awaitExactTotals(admin, applicationId, inputEnd, watcher, service.streams()::state,
        runningNanos, expected);
    CpuMeter.Snapshot cpuDone = cpu.snapshot();
    double seconds = (converged.exactAt() - runningNanos) / 1e9;
    log.printf("throughput: %,d events in %.1f s after RUNNING = %,.0f events/s; totals exact%n", events, seconds,
        events / seconds);
    return new Timed((runningNanos - startNanos) / 1e9, seconds, (converged.consumedAt() - runningNanos) / 1e9,
        converged, cpuSeconds(cpuDone.clientNanos(), cpuRunning.clientNanos()),
        cpuSeconds(cpuDone.brokerNanos(), cpuRunning.brokerNanos()));
  }

  private StreamsReport.Latency latency(PulseConfig clients, TopicNames names,
      AvroWireSerializer<SpecificRecord> serializer, BenchCampaigns campaigns, StreamsReference reference,
      TotalsWatcher watcher, CpuMeter cpu, PipelineService service) {
    settle();
    LatencyPhase phase = new LatencyPhase(plan.latency(), log);
    defineProbeBudget(clients, names, serializer, campaigns, phase.alertProbes(), service);
    LatencyPhase.Result r;
    try (AlertWatcher alerts = new AlertWatcher(clients.commonProperties(), clients.serdeConfig(),
        names.budgetAlerts(), BenchCampaigns.PROBE_CAMPAIGN_ID, phase.alertProbes()).start()) {
      r = phase.run(clients.producerProperties(LatencyPhase.CLIENT_ID), names.orders(), serializer, campaigns,
          plan.seed() + 1, reference, watcher, alerts, cpu, () -> healthy(service));
    }
    double wall = r.sendSeconds();
    log.printf("latency phase: %,d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms; budget alerts p50 %.1f ms, "
        + "p99 %.1f ms, max %.1f ms; waiting for exact totals ...%n", r.latencyMs().count(), r.latencyMs().p50(),
        r.latencyMs().p99(), r.latencyMs().max(), r.alertLatencyMs().p50(), r.alertLatencyMs().p99(),
        r.alertLatencyMs().max());
    Map<String, StreamsReference.Figures> expected = reference.totals();
    watcher.expect(expected);
    awaitMatch(watcher, service, expected, "after the latency phase");
    return new StreamsReport.Latency(plan.latency().rate(), plan.latency().seconds(), r,
        cpuSeconds(r.cpuEnd().clientNanos(), r.cpuStart().clientNanos()) / wall,
        cpuSeconds(r.cpuEnd().brokerNanos(), r.cpuStart().brokerNanos()) / wall, expected.size());
  }

  /**
   * The straightforward DSL peer ({@link DslPeerTopology}) on the same input topic, after the pipeline has
   * closed, in this JVM: the Kafka client and Streams code the pipeline ran is compiled by then, which favours the
   * peer. Exactly-once v2, the plan's commit interval and stream threads, Kafka Streams' defaults otherwise (10 MB
   * record cache). Timed like the pipeline, from RUNNING until its committed offsets cover the input and its totals
   * equal {@code expected}.
   */
  private StreamsReport.Peer peer(PulseConfig clients, String peerId, String input, Path stateDir, Admin admin,
      CpuMeter cpu, Map<String, StreamsReference.Figures> expected) {
    settle();
    String output = peerId + "-totals";
    try {
      admin.createTopics(List.of(new NewTopic(output, plan.partitions(), plan.replicationFactor()))).all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("cannot create " + output + ": " + e.getMessage(), e);
    }
    Properties props = clients.commonProperties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, peerId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(plan.commitIntervalMs()));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(plan.replicationFactor()));
    String threads = plan.streamsProperties().get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
    if (threads != null) {
      props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    }
    Map<TopicPartition, Long> inputEnd = endOffsets(admin, input);
    long events = inputEnd.values().stream().mapToLong(Long::longValue).sum();
    log.printf("starting the straightforward DSL peer (application.id %s) on all %,d events of %s ...%n", peerId,
        events, input);
    try (AvroWireSerde<TradeInOrder> orders = AvroWireSerde.forType(TradeInOrder.class, clients.serdeConfig(), false);
         AvroWireSerde<CampaignTotals> totals = AvroWireSerde.forType(CampaignTotals.class, clients.serdeConfig(),
             false);
         TotalsWatcher watcher = new TotalsWatcher(clients.commonProperties(), clients.serdeConfig(), output,
             BenchCampaigns.PROBE_CAMPAIGN_ID).start();
         KafkaStreams streams = new KafkaStreams(DslPeerTopology.build(input, output, orders, totals), props)) {
      watcher.expect(expected);
      CountDownLatch running = new CountDownLatch(1);
      streams.setStateListener((now, before) -> {
        if (now == KafkaStreams.State.RUNNING) {
          running.countDown();
        }
      });
      long startNanos = System.nanoTime();
      streams.start();
      if (!running.await(RUNNING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new BenchException("the DSL peer was not RUNNING after " + RUNNING_TIMEOUT.toSeconds() + " s: "
            + streams.state());
      }
      long runningNanos = System.nanoTime();
      CpuMeter.Snapshot cpuRunning = cpu.snapshot();
      Converged converged = awaitExactTotals(admin, peerId, inputEnd, watcher, streams::state, runningNanos,
          expected);
      CpuMeter.Snapshot cpuDone = cpu.snapshot();
      double seconds = (converged.exactAt() - runningNanos) / 1e9;
      log.printf("DSL peer: %,d events in %.1f s after RUNNING = %,.0f events/s; totals exact%n", events, seconds,
          events / seconds);
      return new StreamsReport.Peer((runningNanos - startNanos) / 1e9, seconds, events,
          cpuSeconds(cpuDone.clientNanos(), cpuRunning.clientNanos()),
          cpuSeconds(cpuDone.brokerNanos(), cpuRunning.brokerNanos()), converged.secondHalfRate(),
          converged.lastQuarterRate(), expected.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  /**
   * Gives the probe campaign a budget of 100 fen with thresholds 1..{@code probes} percent (a campaign change,
   * published like {@code campaign put} does) and waits until the pipeline has applied it.
   */
  private void defineProbeBudget(PulseConfig clients, TopicNames names, AvroWireSerializer<SpecificRecord> serializer,
      BenchCampaigns campaigns, int probes, PipelineService service) {
    Campaign probe = campaigns.definitions().get(campaigns.definitions().size() - 1);
    if (!probe.getCampaignId().equals(BenchCampaigns.PROBE_CAMPAIGN_ID)) {
      throw new BenchException("the probe campaign is not the last definition");
    }
    Campaign budgeted = Campaign.newBuilder()
        .setCampaignId(probe.getCampaignId()).setName(probe.getName()).setKind(probe.getKind())
        .setRegion(probe.getRegion()).setStartTime(probe.getStartTime()).setEndTime(probe.getEndTime())
        .setSubsidyBudgetFen(100)
        .setAlertThresholdsPercent(java.util.stream.IntStream.rangeClosed(1, probes).boxed().toList())
        .setSeries(null)
        .build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        clients.producerProperties("bench-probe-budget"))) {
      producer.send(new ProducerRecord<>(names.campaigns(), budgeted.getCampaignId(),
          serializer.serialize(names.campaigns(), budgeted))).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new BenchException("cannot publish the probe campaign's budget", e);
    }
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        var view = service.streams().queries().get(BenchCampaigns.PROBE_CAMPAIGN_ID);
        if (view.isPresent() && view.get().budget() != null && view.get().budget().budgetFen() == 100) {
          return;
        }
      } catch (org.apache.kafka.streams.errors.InvalidStateStoreException notYet) {
        // rebalancing: ask again
      }
      if (System.currentTimeMillis() > deadline) {
        throw new BenchException("the pipeline did not apply the probe campaign's budget within 60 s");
      }
      LatencyPhase.sleep(50);
    }
  }

  /** When the committed offsets first covered the input, and when that and exact totals both held. */
  private record Converged(long consumedAt, long exactAt, long halfAt, long secondHalfEvents, long quarterAt,
      long lastQuarterEvents) {

    /** Events/s from half the input committed to all of it: the rate once the JIT has compiled the hot paths. */
    double secondHalfRate() {
      return consumedAt > halfAt ? secondHalfEvents / ((consumedAt - halfAt) / 1e9) : Double.NaN;
    }

    /** Events/s from three quarters of the input committed to all of it: the closest to steady state. */
    double lastQuarterRate() {
      return consumedAt > quarterAt ? lastQuarterEvents / ((consumedAt - quarterAt) / 1e9) : Double.NaN;
    }
  }

  /**
   * Waits until the application's committed offsets cover the input and the published totals equal
   * {@code expected}, both {@code System.nanoTime()}s. Fails on a pipeline in error, no progress for
   * {@link #STALL_SECONDS}, or the plan's timeout.
   */
  private Converged awaitExactTotals(Admin admin, String applicationId, Map<TopicPartition, Long> inputEnd,
      TotalsWatcher watcher, Supplier<KafkaStreams.State> state, long runningNanos,
      Map<String, StreamsReference.Figures> expected) {
    long inputRecords = inputEnd.values().stream().mapToLong(Long::longValue).sum();
    long consumedAt = -1;
    long halfAt = -1;
    long halfCommitted = 0;
    long quarterAt = -1;
    long quarterCommitted = 0;
    long lastCommitted = -1;
    long lastProgress = System.nanoTime();
    long nextReport = System.currentTimeMillis() + PROGRESS_EVERY_MS;
    long deadline = runningNanos + plan.timeout().toNanos();
    while (true) {
      long committed = committed(admin, applicationId, inputEnd);
      long now = System.nanoTime();
      if (committed != lastCommitted) {
        lastCommitted = committed;
        lastProgress = now;
      }
      if (committed * 2 >= inputRecords && halfAt < 0) {
        halfAt = now;
        halfCommitted = committed;
      }
      if (committed * 4 >= inputRecords * 3 && quarterAt < 0) {
        quarterAt = now;
        quarterCommitted = committed;
      }
      if (committed >= inputRecords && consumedAt < 0) {
        consumedAt = now;
      }
      long matched = watcher.matchedSince();
      if (consumedAt >= 0 && matched >= 0) {
        return new Converged(consumedAt, Math.max(consumedAt, matched), halfAt, inputRecords - halfCommitted,
            quarterAt, inputRecords - quarterCommitted);
      }
      if (!healthy(state.get())) {
        throw new BenchException(applicationId + " stopped (" + state.get() + ") after consuming "
            + committed + " of " + inputRecords + " events");
      }
      if (watcher.failure() != null) {
        throw new BenchException("the campaign-totals reader failed: " + watcher.failure(), watcher.failure());
      }
      long idle = now - Math.max(lastProgress, watcher.lastChangeNanos());
      if (idle > TimeUnit.SECONDS.toNanos(STALL_SECONDS) || now > deadline) {
        throw mismatch(String.format(Locale.ROOT, "%s: the pipeline consumed %,d of %,d events",
            idle > TimeUnit.SECONDS.toNanos(STALL_SECONDS) ? "no progress for " + STALL_SECONDS + " s"
                : "timeout of " + plan.timeout().toSeconds() + " s", committed, inputRecords), expected,
            watcher.latest());
      }
      if (System.currentTimeMillis() >= nextReport) {
        nextReport += PROGRESS_EVERY_MS;
        double seconds = (now - runningNanos) / 1e9;
        Map<String, StreamsReference.Figures> published = watcher.latest();
        long exact = expected.entrySet().stream()
            .filter(e -> e.getValue().equals(published.get(e.getKey()))).count();
        log.printf(Locale.ROOT, "  %5.0f s: %,d of %,d events consumed (%.1f%%), %,.0f events/s; %,d totals records "
            + "read, %d of %d campaigns exact%n", seconds, committed, inputRecords, committed * 100.0 / inputRecords,
            committed / seconds, watcher.records(), exact, expected.size());
      }
      LatencyPhase.sleep(50);
    }
  }

  private void awaitMatch(TotalsWatcher watcher, PipelineService service,
      Map<String, StreamsReference.Figures> expected, String when) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
    while (watcher.matchedSince() < 0) {
      if (System.nanoTime() > deadline || !healthy(service) || watcher.failure() != null) {
        throw mismatch("campaign-totals did not equal the reference " + when + " within " + STALL_SECONDS + " s"
            + " (pipeline " + service.streams().state() + ")", expected, watcher.latest());
      }
      LatencyPhase.sleep(50);
    }
  }

  private static BenchException mismatch(String what, Map<String, StreamsReference.Figures> expected,
      Map<String, StreamsReference.Figures> published) {
    List<String> diff = StreamsReference.differences(expected, published);
    StringBuilder message = new StringBuilder("FAILED: ").append(what).append("; totals differ from the reference "
        + "model for ").append(diff.size()).append(" of ").append(expected.size()).append(" campaigns");
    diff.stream().limit(30).forEach(line -> message.append(System.lineSeparator()).append("  ").append(line));
    return new BenchException(message.toString());
  }

  static boolean awaitRunning(PipelineService service) {
    try {
      return service.streams().awaitRunning(RUNNING_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while the pipeline started", e);
    }
  }

  static boolean healthy(PipelineService service) {
    return healthy(service.streams().state());
  }

  static boolean healthy(KafkaStreams.State state) {
    return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
  }

  /** Campaign definitions, then every order event in topic order, through the project's producer settings. */
  static Throughput preload(PulseConfig clients, TopicNames names, BenchCampaigns campaigns,
      AvroWireSerializer<SpecificRecord> serializer, SerializedOrders data) {
    Properties props = clients.producerProperties("bench-preload");
    AtomicLong acked = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    org.apache.kafka.clients.producer.Callback callback = (metadata, error) -> {
      if (error == null) {
        acked.incrementAndGet();
      } else {
        failure.compareAndSet(null, error);
      }
    };
    long start;
    long elapsed;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (Campaign c : campaigns.definitions()) {
        producer.send(new ProducerRecord<>(names.campaigns(), c.getCampaignId(),
            serializer.serialize(names.campaigns(), c)), callback);
      }
      producer.flush();
      producer.partitionsFor(names.orders());
      start = System.nanoTime();
      for (int i = 0; i < data.size(); i++) {
        producer.send(new ProducerRecord<>(names.orders(), null, data.timestamp(i), data.key(i), data.value(i)),
            callback);
      }
      producer.flush();
      elapsed = System.nanoTime() - start;
    }
    long expected = data.size() + campaigns.definitions().size();
    if (failure.get() != null || acked.get() != expected) {
      throw new BenchException("pre-producing lost records: " + acked.get() + " of " + expected + " acknowledged",
          failure.get());
    }
    return Throughput.of(data.size(), data.totalBytes(), elapsed);
  }

  static AvroWireSerializer<SpecificRecord> serializer(PulseConfig config) {
    AvroWireSerializer<SpecificRecord> serializer = new AvroWireSerializer<>();
    serializer.configure(config.serdeConfig(), false);
    return serializer;
  }

  /** Sum over the input's partitions of the application's committed offsets. */
  static long committed(Admin admin, String applicationId, Map<TopicPartition, Long> inputEnd) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      long sum = 0;
      for (TopicPartition tp : inputEnd.keySet()) {
        OffsetAndMetadata o = offsets.get(tp);
        sum += o == null ? 0 : o.offset();
      }
      return sum;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      return -1; // the group may not exist yet; try again
    }
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
    try {
      int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().size();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> end = new LinkedHashMap<>();
      admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
      return end;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("cannot read the end offsets of " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records on every topic the pipeline writes: its internal topics (changelogs and repartitions, named after the
   * application id), late events, totals and alerts, largest first.
   */
  private static Map<String, Long> written(Admin admin, String applicationId, TopicNames names) {
    try {
      List<String> topics = new ArrayList<>(admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(applicationId + "-")).toList());
      topics.addAll(List.of(names.lateEvents(), names.campaignTotals(), names.budgetAlerts()));
      Map<String, Long> written = new LinkedHashMap<>();
      topics.stream()
          .map(t -> Map.entry(t, records(admin, t)))
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> written.put(e.getKey().startsWith(applicationId + "-")
              ? e.getKey().substring(applicationId.length() + 1) : e.getKey(), e.getValue()));
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("cannot list the pipeline's topics: " + e.getMessage(), e);
    }
  }

  static long records(Admin admin, String topic) {
    return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Merchants for this many orders: about 150 orders each, between 60 and 5,000. */
  static int merchants(int orders) {
    return Math.max(60, Math.min(5_000, orders / 150));
  }

  private static double cpuSeconds(long end, long start) {
    return end < 0 || start < 0 ? Double.NaN : (end - start) / 1e9;
  }

  private String overrides() {
    String orders = plan.ordersFromInput() ? " (orders-latest-store restored from the orders topic)" : "";
    if (plan.streamsProperties().isEmpty()) {
      return "the app's streams settings" + orders;
    }
    List<String> pairs = new ArrayList<>();
    plan.streamsProperties().forEach((k, v) -> pairs.add(k + "=" + v));
    return String.join(", ", pairs) + orders;
  }

  /**
   * The pipeline's client properties file: the given one for all clients plus the streams properties, as a user
   * of the app would pass them ({@code --client-config}); null when there is nothing to add.
   */
  private Path pipelineClientConfig(Path workDir) {
    if (plan.streamsProperties().isEmpty()) {
      return plan.clientConfig();
    }
    Properties props = new Properties();
    if (plan.clientConfig() != null) {
      try (var in = Files.newInputStream(plan.clientConfig())) {
        props.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + plan.clientConfig(), e);
      }
    }
    props.putAll(plan.streamsProperties());
    Path file = workDir.resolve("pipeline-client.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "bench streams: client config + streams settings for the pipeline");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** The default names with a prefix; built over the record's components, so a topic added later gets one too. */
  static TopicNames prefixed(String prefix) {
    TopicNames defaults = TopicNames.defaults();
    RecordComponent[] components = TopicNames.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = prefix + components[i].getAccessor().invoke(defaults);
      }
      return TopicNames.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot derive prefixed topic names", e);
    }
  }

  /** On a given cluster: removes the run's topics and the application's internal topics. */
  static void deleteTopics(Admin admin, TopicNames names, String applicationId, PrintStream log) {
    try {
      List<String> doomed = new ArrayList<>(names.all());
      admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(n -> n.startsWith(applicationId + "-")).forEach(doomed::add);
      admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.println("bench: could not delete the run's topics: " + e.getMessage());
    }
  }

  /** Lets the broker finish the previous step's work, and collects this JVM's garbage. */
  static void settle() {
    System.gc();
    LatencyPhase.sleep(1_000);
  }
}
