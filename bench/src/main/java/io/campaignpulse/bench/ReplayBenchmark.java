package io.campaignpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.replay.Replay;
import io.campaignpulse.replay.ReplayCounts;
import io.campaignpulse.replay.ReplayRequest;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.alerts.AlertSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;

/**
 * The replay engine on a real broker: {@code bench replay}.
 *
 * <ol>
 *   <li>Workload: the streams benchmark's ({@link OrderWorkload}, {@link BenchCampaigns}), serialized once with
 *       the project's serializer and fed to {@link StreamsReference} for the expected totals; the campaign
 *       definitions and the order events are pre-produced into the live input topics.</li>
 *   <li>Kafka's {@code ConsumerPerformance} reads the order topic: the machine's raw consume rate in this run.</li>
 *   <li>A {@link Replay} of all campaigns, no time range, in this JVM: timed from the {@code run} call (start-up
 *       included) and from its streams app reaching RUNNING, until its outcome. Its baseline totals
 *       ({@code CampaignQueries.all()}) must equal the reference for every campaign, or the benchmark fails.
 *       With {@code rounds} above one, again under a new replay id: the later rounds run in a warm JVM.</li>
 * </ol>
 */
public final class ReplayBenchmark {

  static final long STALL_SECONDS = 120;

  private final ReplayBenchPlan plan;
  private final BenchServices services;
  private final PrintStream log;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  public ReplayBenchmark(ReplayBenchPlan plan, BenchServices services, PrintStream log) {
    this.plan = plan;
    this.services = services;
    this.log = log;
  }

  /** Runs every phase; throws {@link BenchException} when the totals do not equal the reference. */
  public ReplayReport run() {
    try (RunDir workDir = RunDir.create(plan.workDir(), "replay", runId)) {
      ReplayReport report = run(workDir.path());
      Path json = plan.json() != null ? plan.json() : plan.workDir() != null
          ? workDir.path().resolve("replay-bench.json") : Path.of("replay-bench-" + runId + ".json");
      write(json, report);
      log.printf("figures written to %s%n", json.toAbsolutePath());
      return report;
    }
  }

  private ReplayReport run(Path workDir) {
    TopicNames names = services.topicNames(runId);
    PulseConfig clients = config(names, workDir);

    log.printf("generating %,d order events (%,d orders, %d campaigns, seed %d) ...%n", plan.events(), plan.orders(),
        plan.campaigns(), plan.seed());
    long t = System.nanoTime();
    BenchCampaigns campaigns = BenchCampaigns.create(plan.campaigns(), StreamsBenchmark.merchants(plan.orders()),
        plan.start(), plan.seed());
    OrderWorkload workload = OrderWorkload.generate(plan.workloadSpec(), campaigns);
    int duplicates = workload.duplicates();
    int outOfOrder = workload.outOfOrderOrders();
    SchemaBootstrap.registerAll(services.schemaRegistryUrl(), names);
    List<String> created = TopicProvisioner.ensureTopics(clients.adminProperties(), names, plan.partitions(),
        plan.replicationFactor());
    if (!created.isEmpty()) {
      log.printf("created topics %s%n", created);
    }

    StreamsReference reference = new StreamsReference();
    Map<String, StreamsReference.Figures> expected;
    Throughput preload;
    double keyBytes;
    double valueBytes;
    try (AvroWireSerializer<SpecificRecord> serializer = StreamsBenchmark.serializer(clients)) {
      SerializedOrders data = SerializedOrders.of(workload, serializer, names.orders(), reference);
      workload = null; // let the replay have the heap
      expected = reference.totals();
      keyBytes = data.averageKeyBytes();
      valueBytes = data.averageValueBytes();
      log.printf("generated and serialized in %.1f s: %,d events, %,d duplicates, %,d orders with a version out of "
          + "order; reference totals for %d campaigns%n", (System.nanoTime() - t) / 1e9, data.size(), duplicates,
          outOfOrder, expected.size());
      preload = StreamsBenchmark.preload(clients, names, campaigns, serializer, data);
      log.printf("pre-produced into %s: %,.0f records/s%n", names.orders(), preload.recordsPerSec());
    }
    try (Admin admin = Admin.create(clients.adminProperties())) {
      long inputRecords = StreamsBenchmark.records(admin, names.orders());
      if (inputRecords != plan.events()) {
        throw new BenchException(names.orders() + " holds " + inputRecords + " records, expected " + plan.events()
            + (services.startedHere() ? "" : " (was the topic there before?)"));
      }
    }

    ConsumerPerfRun.Summary consumerPerf = null;
    if (plan.consumerPerf()) {
      StreamsBenchmark.settle();
      consumerPerf = new ConsumerPerfRun().run(services.bootstrapServers(), names.orders(), plan.events());
      log.printf("Kafka ConsumerPerformance on %s: %,.0f records/s while fetching (%,.0f records/s with the group "
          + "join)%n", names.orders(), consumerPerf.fetchRecordsPerSec(), consumerPerf.recordsPerSec());
    }

    List<ReplayReport.Run> rounds = new ArrayList<>();
    for (int round = 1; round <= plan.rounds(); round++) {
      StreamsBenchmark.settle();
      rounds.add(replay(clients, names, workDir, expected, round));
    }
    ReplayReport.Setup setup = new ReplayReport.Setup(LocalDate.now(), plan.preset(), plan.events(), plan.orders(),
        plan.campaigns(), duplicates, outOfOrder, plan.seed(), plan.partitions(), plan.knobs(),
        services.startedHere() ? "local KRaft broker (child JVM) on this machine" : services.bootstrapServers(),
        Runtime.getRuntime().availableProcessors(), keyBytes, valueBytes);
    return new ReplayReport(setup, preload, consumerPerf, rounds);
  }

  /** What the replay's outcome says, taken while its stores are open. */
  private record Measured(Duration elapsed, Duration toRunning, long records, ReplayCounts counts,
      Map<String, StreamsReference.Figures> published, CpuMeter.Snapshot cpu, ThreadCpu.Usage streamThreads) {
  }

  private ReplayReport.Run replay(PulseConfig clients, TopicNames names, Path workDir,
      Map<String, StreamsReference.Figures> expected, int round) {
    PulseConfig config = config(names, workDir);
    Replay.Settings settings = new Replay.Settings(replayClient(clients), config.producerProperties("bench-replay"),
        config.serdeConfig(), names, clients.analytics(), AlertSettings.defaults(), plan.replicationFactor(),
        workDir.resolve("replay-state"));
    ReplayRequest request = new ReplayRequest("bench-" + runId + "-" + round, Set.of(), null, null, List.of(), false);
    CpuMeter cpu = new CpuMeter(services.brokerPid());
    log.printf("replay round %d of %d: all campaigns (%s) ...%n", round, plan.rounds(), plan.knobs());
    CpuMeter.Snapshot cpuStart = cpu.snapshot();
    long start = System.nanoTime();
    ReplayWatch watch = new ReplayWatch(log, start, Duration.ofSeconds(STALL_SECONDS), plan.timeout());
    Measured m;
    try (Replay replay = new Replay(settings)) {
      m = replay.run(request, watch, outcome -> new Measured(outcome.elapsed(), outcome.toRunning(),
          outcome.records(), outcome.counts(), ReplayTotals.of(outcome.baseline().all()), cpu.snapshot(),
          ThreadCpu.of(ThreadCpu.STREAM_THREADS)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted during the replay", e);
    }
    if (m.toRunning() == null) {
      throw new BenchException("the replay finished without its streams app ever reaching RUNNING");
    }
    double seconds = m.elapsed().toNanos() / 1e9;
    log.printf("replay done: %,d records in %.2f s, RUNNING after %.2f s%n", m.records(), seconds,
        m.toRunning().toNanos() / 1e9);
    if (!StreamsReference.agree(expected, m.published())) {
      List<String> diff = StreamsReference.differences(expected, m.published());
      StringBuilder message = new StringBuilder("FAILED: the replay's totals differ from the reference model for ")
          .append(diff.size()).append(" of ").append(expected.size()).append(" campaigns");
      diff.stream().limit(30).forEach(line -> message.append(System.lineSeparator()).append("  ").append(line));
      throw new BenchException(message.toString());
    }
    ReplayCounts c = m.counts();
    return new ReplayReport.Run(m.records(), seconds, m.toRunning().toNanos() / 1e9, watch.firstProgressSeconds(),
        cpuSeconds(m.cpu().clientNanos(), cpuStart.clientNanos()), m.streamThreads().threads(),
        m.streamThreads().seconds(), cpuSeconds(m.cpu().brokerNanos(), cpuStart.brokerNanos()), expected.size(),
        c.passedOver(), c.rejected(), c.late());
  }

  /** The cluster's client settings plus the plan's streams properties, for the replay's clients. */
  private Properties replayClient(PulseConfig clients) {
    Properties props = clients.commonProperties();
    props.putAll(plan.streamsProperties());
    return props;
  }

  private PulseConfig config(TopicNames names, Path workDir) {
    return new PulseConfig(services.bootstrapServers(), services.schemaRegistryUrl(), names, plan.partitions(),
        plan.replicationFactor(), "campaign-pulse-bench-replay-" + runId, workDir.resolve("state"),
        plan.commitIntervalMs(), 0, plan.clientConfig());
  }

  private static void write(Path file, ReplayReport report) {
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report.json());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static double cpuSeconds(long end, long start) {
    return end < 0 || start < 0 ? Double.NaN : (end - start) / 1e9;
  }
}
