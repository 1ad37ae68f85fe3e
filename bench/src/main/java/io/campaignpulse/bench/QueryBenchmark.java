package io.campaignpulse.bench;

import io.campaignpulse.app.PipelineService;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.serde.AvroWireSerializer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Query latency under load while the pipeline ingests: {@code bench query}.
 *
 * <ol>
 *   <li>History: {@link OrderWorkload}'s order events over the benchmark's campaigns are pre-produced (as
 *       {@code bench streams} does), and Kafka's {@code ProducerPerformance} runs on the same broker with as many
 *       records of the same size: the machine's yardstick of this run.</li>
 *   <li>The app ({@link PipelineService}: exactly_once_v2 and its Javalin API on 127.0.0.1) starts and consumes the
 *       history; every campaign must then answer {@code GET /api/campaigns/{id}} with its orders.</li>
 *   <li>A {@link PacedIngest} sends new orders of the same campaigns at the ingest rate from then on, so every
 *       query phase runs while the pipeline ingests; each phase reports the ingest rate achieved in it and the
 *       app's consumer lag at its end.</li>
 *   <li>Query phases, each a warm-up and a measured window: our generator ({@link HttpLoad} in a JVM of its own,
 *       {@link ChildLoad}) against the campaign detail endpoint (a random campaign per request; every response
 *       must be 200 and parse as that campaign's {@code CampaignView}, else the run fails), then {@link WrkRun}
 *       against it with the same connections when wrk is installed; then both against {@code /health} (Javalin's
 *       floor on this machine).</li>
 *   <li>The ingest stops; the time until the app has consumed every order sent says whether it kept up.</li>
 * </ol>
 */
public final class QueryBenchmark {

  /** What to run. {@code ingestRate} 0: no ingest. */
  public record Plan(long historyEvents, int historyOrders, int campaigns, int partitions, short replicationFactor,
      long seed, int ingestRate, int connections, int warmupSeconds, int seconds, long commitIntervalMs,
      boolean useWrk, Path clientConfig, Path workDir) {
  }

  static final String HOST = "127.0.0.1";
  static final String DETAIL = "GET /api/campaigns/{id}";
  static final String HEALTH = "GET /health";
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration SERVING_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
  /** Orders generated for the ingest beyond what the planned phases need at the rate. */
  private static final int INGEST_SPARE_SECONDS = 60;

  private final Plan plan;
  private final BenchServices services;
  private final PrintStream log;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  public QueryBenchmark(Plan plan, BenchServices services, PrintStream log) {
    this.plan = plan;
    this.services = services;
    this.log = log;
  }

  /** Runs every phase; throws {@link BenchException} when a response was wrong or the pipeline failed. */
  public QueryReport run() {
    try (RunDir workDir = RunDir.create(plan.workDir(), "query", runId)) {
      return run(workDir.path());
    }
  }

  private QueryReport run(Path workDir) {
    TopicNames names = services.topicNames(runId);
    String applicationId = "campaign-pulse-qbench-" + runId;
    PulseConfig config = new PulseConfig(services.bootstrapServers(), services.schemaRegistryUrl(), names,
        plan.partitions(), plan.replicationFactor(), applicationId, workDir.resolve("state"),
        plan.commitIntervalMs(), 0, plan.clientConfig());

    log.printf("generating %,d history order events (%,d orders, %d campaigns, seed %d) ...%n", plan.historyEvents(),
        plan.historyOrders(), plan.campaigns(), plan.seed());
    BenchCampaigns campaigns = BenchCampaigns.create(plan.campaigns(),
        StreamsBenchmark.merchants(plan.historyOrders()), StreamsBenchmark.WORKLOAD_START, plan.seed());
    OrderWorkload history = OrderWorkload.generate(new OrderWorkload.Spec(plan.historyEvents(), plan.historyOrders(),
        StreamsBenchmark.DUPLICATE_SHARE, StreamsBenchmark.OUT_OF_ORDER_SHARE, StreamsBenchmark.WORKLOAD_START,
        StreamsBenchmark.WORKLOAD_DAYS, "TI", plan.seed()), campaigns);
    int ingestEvents = plan.ingestRate() == 0 ? 0
        : Math.toIntExact(Math.min(OrderWorkload.MAX_EVENTS, (long) plan.ingestRate() * plannedSeconds()));
    OrderWorkload ingestOrders = ingestEvents == 0 ? null
        : OrderWorkload.generate(LatencyPhase.liveSpec(ingestEvents, plan.seed() + 1), campaigns);
    List<String> detailPaths = campaignIds(campaigns).stream().map(id -> "/api/campaigns/" + id).toList();

    SchemaBootstrap.registerAll(services.schemaRegistryUrl(), names);
    TopicProvisioner.ensureTopics(config.adminProperties(), names, plan.partitions(), plan.replicationFactor());
    WrkRun.Availability wrk = plan.useWrk() ? WrkRun.find() : new WrkRun.Availability(null, "--no-wrk given");
    if (wrk.wrk() == null) {
      log.println("wrk baseline skipped: " + wrk.skipReason());
    }

    try (AvroWireSerializer<SpecificRecord> serializer = StreamsBenchmark.serializer(config);
         Admin admin = Admin.create(config.adminProperties())) {
      SerializedOrders data = SerializedOrders.of(history, serializer, names.orders(), new StreamsReference());
      history = null;
      Throughput preload = StreamsBenchmark.preload(config, names, campaigns, serializer, data);
      log.printf("pre-produced %,d history events into %s: %,.0f records/s%n", data.size(), names.orders(),
          preload.recordsPerSec());
      int recordSize = (int) Math.round(data.averageRecordBytes());
      data = null;

      StreamsBenchmark.settle();
      Throughput producerPerf;
      try (BenchTopics topics = new BenchTopics(services.bootstrapServers(), plan.partitions())) {
        String topic = topics.create("producer-perf");
        StreamsBenchmark.settle();
        producerPerf = new KafkaPerfRun().run(topic, plan.historyEvents(), recordSize,
            new ProducerSettings(services.bootstrapServers(), ProducerSettings.PROJECT_COMPRESSION)).throughput();
      }
      log.printf("Kafka ProducerPerformance: %,.0f records/s (%,d records of %d B)%n", producerPerf.recordsPerSec(),
          plan.historyEvents(), recordSize);
      StreamsBenchmark.settle();

      Map<TopicPartition, Long> historyEnd = StreamsBenchmark.endOffsets(admin, names.orders());
      CpuMeter cpu = new CpuMeter(services.brokerPid());
      log.printf("starting the app (application.id %s) ...%n", applicationId);
      long startNanos = System.nanoTime();
      try (PipelineService service = PipelineService.start(config, HOST, 0)) {
        if (!StreamsBenchmark.awaitRunning(service)) {
          throw new BenchException("the pipeline was not RUNNING in time: " + service.streams().state());
        }
        double toRunning = (System.nanoTime() - startNanos) / 1e9;
        long historyEvents = sum(historyEnd);
        double caughtUp = awaitConsumed(admin, applicationId, historyEnd, historyEvents, service, startNanos,
            CATCH_UP_TIMEOUT);
        if (Double.isNaN(caughtUp)) {
          throw new BenchException("the app had not consumed the " + historyEvents + " history events "
              + CATCH_UP_TIMEOUT.toMinutes() + " minutes after it started");
        }
        QueryChecks checks = new QueryChecks();
        awaitServing(service.httpPort(), detailPaths, checks);
        log.printf("app RUNNING after %.1f s, history consumed after %.1f s; API on port %d serves all %d campaigns%n",
            toRunning, caughtUp, service.httpPort(), detailPaths.size());

        QueryReport.Phase detail;
        QueryReport.Phase health;
        QueryReport.Phase wrkDetail = null;
        QueryReport.Phase wrkHealth = null;
        long ingestSent;
        boolean ingestExhausted;
        try (PacedIngest ingest = ingestOrders == null ? null : new PacedIngest(
            config.producerProperties("bench-query-ingest"), names.orders(), ingestOrders, serializer,
            plan.ingestRate()).start()) {
          Phases phases = new Phases(admin, applicationId, names.orders(), historyEnd, cpu, service, ingest);
          // each endpoint by both generators back to back, so a drift of the machine's speed splits evenly
          detail = phases.ours(DETAIL, detailPaths, "campaign", plan.seed());
          if (wrk.wrk() != null) {
            wrkDetail = phases.wrk(wrk.wrk(), DETAIL, detailPaths, workDir);
          }
          health = phases.ours(HEALTH, List.of("/health"), "health", plan.seed() + 1_000);
          if (wrk.wrk() != null) {
            wrkHealth = phases.wrk(wrk.wrk(), HEALTH, List.of("/health"), workDir);
          }
          ingestSent = ingest == null ? 0 : ingest.sent();
          ingestExhausted = ingest != null && ingest.exhausted();
        }
        long drainStart = System.nanoTime();
        Map<TopicPartition, Long> finalEnd = StreamsBenchmark.endOffsets(admin, names.orders());
        double drained = awaitConsumed(admin, applicationId, finalEnd, sum(finalEnd), service, drainStart,
            DRAIN_TIMEOUT);
        log.printf("ingest stopped after %,d orders; %s%n", ingestSent, Double.isNaN(drained)
            ? "the app had not consumed them all " + DRAIN_TIMEOUT.toSeconds() + " s later"
            : String.format("the app had consumed them all %.1f s later", drained));

        QueryReport.Setup setup = new QueryReport.Setup(LocalDate.now(), plan.historyEvents(), plan.historyOrders(),
            plan.campaigns(), plan.partitions(), plan.commitIntervalMs(), plan.ingestRate(), plan.connections(),
            plan.warmupSeconds(), plan.seconds(), services.startedHere()
                ? "local KRaft broker (child JVM) on this machine" : services.bootstrapServers(),
            Runtime.getRuntime().availableProcessors(), recordSize);
        return new QueryReport(setup, producerPerf, new QueryReport.History(toRunning, caughtUp, detailPaths.size()),
            new QueryReport.Ingest(plan.ingestRate(), ingestSent, ingestExhausted, drained), detail, health,
            wrkDetail, wrkHealth, wrk.wrk() == null ? wrk.skipReason() : null);
      } finally {
        if (!services.startedHere()) {
          StreamsBenchmark.deleteTopics(admin, names, applicationId, log);
        }
      }
    }
  }

  /** The query phases on the running app; {@code ingest} is null when nothing ingests. */
  private final class Phases {
    private final Admin admin;
    private final String applicationId;
    private final String ordersTopic;
    private final Map<TopicPartition, Long> inputPartitions;
    private final CpuMeter cpu;
    private final PipelineService service;
    private final PacedIngest ingest;
    private final String baseUrl;

    Phases(Admin admin, String applicationId, String ordersTopic, Map<TopicPartition, Long> inputPartitions,
        CpuMeter cpu, PipelineService service, PacedIngest ingest) {
      this.admin = admin;
      this.applicationId = applicationId;
      this.ordersTopic = ordersTopic;
      this.inputPartitions = inputPartitions;
      this.cpu = cpu;
      this.service = service;
      this.ingest = ingest;
      this.baseUrl = "http://" + HOST + ":" + service.httpPort();
    }

    /** Our generator in its own JVM; {@code check} names the {@link QueryChecks} method its bodies must pass. */
    QueryReport.Phase ours(String target, List<String> paths, String check, long seed) {
      log.printf("%s: %d connections, %d s warm-up, %d s measured ...%n", target, plan.connections(),
          plan.warmupSeconds(), plan.seconds());
      ChildLoad child = ChildLoad.start(HOST, service.httpPort(), plan.connections(),
          Duration.ofSeconds(plan.warmupSeconds()), Duration.ofSeconds(plan.seconds()), seed, check, paths);
      ProcessHandle generator = ProcessHandle.of(child.pid()).orElseThrow();
      sleepUntil(child.windowStartNanos());
      long generatorStart = CpuMeter.cpuNanos(generator);
      Window window = new Window();
      sleepUntil(child.windowEndNanos());
      long generatorEnd = CpuMeter.cpuNanos(generator);
      window.end();
      double generatorCpu = generatorStart < 0 || generatorEnd < 0 ? Double.NaN : (generatorEnd - generatorStart) / 1e9;
      return done(window, child.await(target, plan.connections(), generatorCpu));
    }

    QueryReport.Phase wrk(WrkRun wrk, String target, List<String> paths, Path dir) {
      int threads = Math.min(plan.connections(), Runtime.getRuntime().availableProcessors());
      log.printf("%s with %s: %d connections, %d s warm-up (discarded), %d s measured ...%n", target, wrk.version(),
          plan.connections(), plan.warmupSeconds(), plan.seconds());
      if (plan.warmupSeconds() > 0) {
        wrk.run(baseUrl, paths, target, plan.connections(), threads, plan.warmupSeconds(), dir);
      }
      Window window = new Window();
      LoadResult load = wrk.run(baseUrl, paths, target, plan.connections(), threads, plan.seconds(), dir);
      window.end();
      return done(window, load);
    }

    private QueryReport.Phase done(Window window, LoadResult load) {
      long committed = StreamsBenchmark.committed(admin, applicationId, inputPartitions);
      long lag = committed < 0 ? -1 : sum(StreamsBenchmark.endOffsets(admin, ordersTopic)) - committed;
      if (!StreamsBenchmark.healthy(service)) {
        throw new BenchException("the pipeline stopped (" + service.streams().state() + ") during " + load.target());
      }
      double seconds = (window.endNanos - window.startNanos) / 1e9;
      QueryReport.Phase phase = new QueryReport.Phase(load, (window.sentEnd - window.sentStart) / seconds, lag,
          cores(window.cpuEnd.clientNanos(), window.cpuStart.clientNanos(), seconds),
          cores(window.cpuEnd.brokerNanos(), window.cpuStart.brokerNanos(), seconds));
      log.printf("  %s: %,.0f requests/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms, %d errors; "
          + "ingest %,.0f orders/s, app lag %,d; cores: app %.2f, generator %.2f%n", load.generator(),
          load.requestsPerSec(), load.p50Ms(), load.p99Ms(), load.p999Ms(), load.maxMs(), load.errors(),
          phase.ingestPerSec(), lag, phase.jvmCores(), load.generatorCores());
      return phase;
    }

    /** Time, CPU and orders sent at the start and at the end of a measured window. */
    private final class Window {
      final long startNanos = System.nanoTime();
      final CpuMeter.Snapshot cpuStart = cpu.snapshot();
      final long sentStart = sent();
      long endNanos;
      CpuMeter.Snapshot cpuEnd;
      long sentEnd;

      void end() {
        endNanos = System.nanoTime();
        cpuEnd = cpu.snapshot();
        sentEnd = sent();
      }

      private long sent() {
        return ingest == null ? 0 : ingest.sent();
      }
    }
  }

  /**
   * Waits until the app's committed offsets cover {@code end}; seconds since {@code sinceNanos}, NaN after
   * {@code timeout}. Fails when the pipeline stops.
   */
  private static double awaitConsumed(Admin admin, String applicationId, Map<TopicPartition, Long> end, long total,
      PipelineService service, long sinceNanos, Duration timeout) {
    long deadline = sinceNanos + timeout.toNanos();
    while (StreamsBenchmark.committed(admin, applicationId, end) < total) {
      if (!StreamsBenchmark.healthy(service)) {
        throw new BenchException("the pipeline stopped: " + service.streams().state());
      }
      if (System.nanoTime() > deadline) {
        return Double.NaN;
      }
      LatencyPhase.sleep(50);
    }
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  /** Waits until every campaign's detail answers 200 with a campaign that has orders. */
  private static void awaitServing(int port, List<String> paths, QueryChecks checks) {
    long deadline = System.nanoTime() + SERVING_TIMEOUT.toNanos();
    String last = null;
    for (String path : paths) {
      while (true) {
        try (HttpConnection c = HttpConnection.open(HOST, port)) {
          HttpConnection.Response r = c.exchange(HttpConnection.get(HOST, port, path));
          last = r.status() != 200 ? "HTTP " + r.status() + ": " + r.text() : checks.servingProblem(path, r.body());
        } catch (IOException e) {
          last = e.toString();
        }
        if (last == null) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new BenchException("the API did not serve " + path + " within " + SERVING_TIMEOUT.toSeconds()
              + " s: " + last);
        }
        LatencyPhase.sleep(100);
      }
    }
  }

  /** Seconds the ingest may have to run: every phase's warm-up and window, and some to spare. */
  private long plannedSeconds() {
    int phases = plan.useWrk() ? 4 : 2;
    return (long) phases * (plan.warmupSeconds() + plan.seconds()) + INGEST_SPARE_SECONDS;
  }

  private static List<String> campaignIds(BenchCampaigns campaigns) {
    return campaigns.definitions().stream().map(c -> c.getCampaignId().toString())
        .filter(id -> !id.equals(BenchCampaigns.PROBE_CAMPAIGN_ID)).toList();
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  private static double cores(long end, long start, double seconds) {
    return end < 0 || start < 0 ? Double.NaN : (end - start) / 1e9 / seconds;
  }

  private static void sleepUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      LatencyPhase.sleep(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
    }
  }
}
