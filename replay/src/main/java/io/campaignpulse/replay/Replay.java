package io.campaignpulse.replay;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.query.AnalyticsQueries;
import io.campaignpulse.streams.scope.InputScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import io.campaignpulse.producers.ingest.EventSink;
import io.campaignpulse.producers.kafka.EventSender;
import io.campaignpulse.serde.AvroWireSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replay: finds its bounds, runs the live topology over them under the replay's own application id (and,
 * with what-if subsidy rules, a second run with every order's subsidy recomputed), waits until everything read has
 * been counted, hands the result to the caller while the stores are still there, then removes what it made: its
 * topics, consumer groups and state directory (unless asked to keep them). Closing it at any point, from Ctrl-C say,
 * stops the runs and cleans up the same way.
 *
 * <p>It never writes to the live pipeline's topics: it reads the live inputs, and its outputs (totals, alerts, dead
 * letters, late events) and internal topics carry its own names.
 */
public final class Replay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

  /** The shortest emit (and commit) interval of a replay, see {@link #analytics}. */
  public static final Duration MIN_EMIT_INTERVAL = Duration.ofMillis(250);

  /** How often progress is checked. */
  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * Where and how replays run.
   *
   * @param client Kafka client settings (bootstrap servers, security)
   * @param producer producer settings, for the events of a replay of files
   * @param serdeConfig the Avro serdes' settings (the registry's URL)
   * @param liveTopics the live pipeline's topic names; the replay reads their inputs
   * @param analytics the live analytics settings; the replay's stores are made throwaway
   * @param alerts the live alert settings
   * @param replicationFactor of the replay's topics
   * @param stateRoot where the runs' state directories go (deleted afterwards)
   */
  public record Settings(Properties client, Properties producer, Map<String, Object> serdeConfig,
      TopicNames liveTopics, AnalyticsSettings analytics, AlertSettings alerts, short replicationFactor,
      Path stateRoot) {
  }

  /** Told how many of the records to read have been counted. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);
  }

  /**
   * What a finished replay offers while its stores are open. {@code elapsed} runs from the {@code run} call to
   * completion, {@code toRunning} from the same call until the baseline's streams app first reached RUNNING (its
   * start-up: bounds, topics, group join), null if it never did; {@code files} is NONE for a replay of topics;
   * {@code series} is the series of each campaign that has one.
   */
  public record Outcome(AnalyticsQueries baseline, AnalyticsQueries whatIf, ReplayCounts counts, long records,
      Duration elapsed, Map<String, Integer> partitions, Duration toRunning, ReplayFiles files,
      Map<String, String> series) {

    /** From RUNNING to completion: the time spent reading and counting; null if it never ran. */
    public Duration afterStartup() {
      return toRunning == null ? null : elapsed.minus(toRunning);
    }
  }

  private final Settings settings;
  private final List<ReplayRun> runs = new ArrayList<>();
  private ReplayRequest request;
  private Path stateDir;
  private boolean closed;

  public Replay(Settings settings) {
    this.settings = settings;
  }

  /**
   * Runs the replay to its end and returns what {@code read} makes of the outcome (a report, say); the stores are
   * gone once this returns.
   */
  public <T> T run(ReplayRequest request, Progress progress, Function<Outcome, T> read) throws InterruptedException {
    long started = System.nanoTime();
    try (Admin admin = Admin.create(settings.client())) {
      ReplayAdmin cluster = new ReplayAdmin(admin);
      synchronized (this) {
        if (closed) {
          throw new ReplayException("the replay was stopped before it started", null);
        }
        this.request = request;
      }
      TopicNames inputs = settings.liveTopics();
      ReplayFiles files = ReplayFiles.NONE;
      if (!request.files().isEmpty()) {
        inputs = fileInputs(request);
        files = loadFiles(cluster, request, inputs);
      }
      ReplayBounds bounds = ReplayBounds.find(settings.client(), inputs, request.from());
      List<Completion> completions = new ArrayList<>();
      synchronized (this) {
        if (closed) {
          throw new ReplayException("the replay was stopped", null);
        }
        this.stateDir = createStateDir(request);
        ReplayRun baseline = startRun(cluster, request, inputs, "baseline", UnaryOperator.identity(), bounds);
        completions.add(new Completion(baseline, bounds, analytics(settings.analytics()).emitInterval()));
        if (!request.subsidyRules().isEmpty()) {
          ReplayRun whatIf = startRun(cluster, request, inputs, "what-if", new SubsidyRules(request.subsidyRules()),
              bounds);
          completions.add(new Completion(whatIf, bounds, analytics(settings.analytics()).emitInterval()));
        }
      }
      long total = bounds.total() * completions.size();
      while (true) {
        long done = 0;
        boolean all = true;
        for (Completion c : completions) {
          c.run().checkAlive();
          all &= c.check(cluster);
          done += c.done();
        }
        progress.update(done, total);
        if (all) {
          break;
        }
        Thread.sleep(POLL.toMillis());
      }
      ReplayRun baseline = runs.get(0);
      ReplayRun whatIf = runs.size() > 1 ? runs.get(1) : null;
      var c = baseline.scope().counters();
      ReplayCounts counts = new ReplayCounts(c.read(), c.passedOver(), baseline.metrics().deadLetters(),
          baseline.metrics().lateEvents(), c.beyondEnd());
      long running = baseline.runningNanos();
      var queries = baseline.queries();
      Outcome outcome = new Outcome(queries, whatIf == null ? null : whatIf.queries(), counts,
          bounds.total(), Duration.ofNanos(System.nanoTime() - started), bounds.partitionCounts(),
          running < 0 ? null : Duration.ofNanos(running - started), files, queries.seriesByCampaign());
      return read.apply(outcome);
    } finally {
      close();
    }
  }

  /** The replay's own input topics for events from files; campaign definitions still come from the live topic. */
  private TopicNames fileInputs(ReplayRequest request) {
    TopicNames live = settings.liveTopics();
    String p = request.prefix() + "input.";
    return new TopicNames(live.campaigns(), p + live.orders(), p + live.fairVisits(), p + live.fairSales(),
        live.campaignTotals(), live.budgetAlerts(), live.deadLetters(), live.lateEvents());
  }

  private ReplayFiles loadFiles(ReplayAdmin cluster, ReplayRequest request, TopicNames inputs) {
    int partitions = cluster.partitions(settings.liveTopics().campaigns());
    cluster.createTopics(List.of(inputs.orders(), inputs.fairVisits(), inputs.fairSales()), partitions,
        settings.replicationFactor());
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(settings.serdeConfig(), false);
    Serializer<SpecificRecord> serializer = new LiveSubjects(inputs, settings.liveTopics(), null,
        settings.serdeConfig())
        .serializer(values);
    EventSink sink = EventSink.to(new EventSender(new KafkaProducer<>(settings.producer()), serializer, inputs));
    ReplayFiles files = ReplayFiles.load(request.files(), sink, request.rejects());
    LOG.info("replay {}: {} lines read from {} files, {} events sent, {} lines rejected (in {})", request.id(),
        files.lines(), request.files().size(), files.sent(), files.rejected(), request.rejects());
    return files;
  }

  private ReplayRun startRun(ReplayAdmin cluster, ReplayRequest request, TopicNames live, String name,
      UnaryOperator<io.campaignpulse.avro.TradeInOrder> rewrite, ReplayBounds bounds) {
    String applicationId = request.prefix() + name;
    TopicNames names = new TopicNames(live.campaigns(), live.orders(), live.fairVisits(), live.fairSales(),
        applicationId + "." + live.campaignTotals(), applicationId + "." + live.budgetAlerts(),
        applicationId + "." + live.deadLetters(), applicationId + "." + live.lateEvents());
    int partitions = bounds.partitionCounts().values().stream().mapToInt(Integer::intValue).max().orElse(1);
    cluster.createTopics(List.of(names.campaignTotals(), names.budgetAlerts(), names.deadLetters(),
        names.lateEvents()), partitions, settings.replicationFactor());
    cluster.commitStart(applicationId, bounds.start());
    InputScope scope = new InputScope(bounds.end(), request.campaigns(), request.from(), request.to(), rewrite,
        new InputScope.Counters());
    Topics topics = new LiveSubjects(names, settings.liveTopics(), applicationId, settings.serdeConfig())
        .topics(names);
    ReplayRun run = new ReplayRun(applicationId, settings.client(), topics,
        analytics(settings.analytics()), settings.alerts(), scope,
        settings.replicationFactor(), stateDir.resolve(name));
    runs.add(run);
    run.start();
    LOG.info("replay {} started: {} records from {} input partitions", applicationId, bounds.total(),
        bounds.end().size());
    return run;
  }

  /**
   * A replay's analytics settings: the live ones with throwaway in-memory stores, and an emit interval (which is
   * also its commit interval) of at least {@link #MIN_EMIT_INTERVAL}: nobody watches a replay's totals as they
   * change, and fewer, larger batches and commits cost less, while the end of a replay waits two intervals of
   * quiet. bench replay, 1M order events, 2 stream threads: 100 ms gave 10,834 records/s cold and 15,107 warm,
   * 1,000 ms 15,501 and 22,181; one thread without changelogs, district-2024 warm: 250 ms 4.8-5.9 s after start-up,
   * 1,000 ms 6.4 s; 2M at 250 ms: 37,841 records/s.
   */
  static AnalyticsSettings analytics(AnalyticsSettings live) {
    Duration emit = live.emitInterval().compareTo(MIN_EMIT_INTERVAL) < 0 ? MIN_EMIT_INTERVAL : live.emitInterval();
    return new AnalyticsSettings(live.zone(), live.grace(), emit, true);
  }

  private Path createStateDir(ReplayRequest request) {
    try {
      Files.createDirectories(settings.stateRoot());
      return Files.createTempDirectory(settings.stateRoot(), "replay-" + request.id() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the replay's state directory under " + settings.stateRoot(), e);
    }
  }

  /** Stops the runs and, unless the request keeps them, deletes their topics, groups and state. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ReplayRun run : runs) {
      run.close();
    }
    if (request == null) {
      return;
    }
    if (request.keep()) {
      LOG.info("replay {} kept: topics and groups starting with {}", request.id(), request.prefix());
      return;
    }
    try (Admin admin = Admin.create(settings.client())) {
      ReplayAdmin cluster = new ReplayAdmin(admin);
      Set<String> topics = cluster.topicsStartingWith(request.prefix());
      cluster.deleteTopics(topics);
      for (ReplayRun run : runs) {
        cluster.deleteGroup(run.applicationId());
      }
      LOG.info("replay {} cleaned up: {} topics", request.id(), topics.size());
    } catch (RuntimeException e) {
      LOG.warn("replay {}: could not clean up its topics and groups (names start with {}): {}", request.id(),
          request.prefix(), e.toString());
    }
    deleteTree(stateDir);
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete the replay state {}: {}", dir, e.toString());
    }
  }

  /**
   * When one run has counted everything: its group has committed every input partition's end offset, and then
   * every record on its repartition topics has been committed too, with nothing new arriving on them for two emit
   * intervals (the per-partition stage emits what it holds within one).
   */
  private static final class Completion {
    private final ReplayRun run;
    private final ReplayBounds bounds;
    private final long quietNanos;
    private long done;
    private Map<TopicPartition, Long> lastEnds;
    private long quietSince;
    private boolean finished;

    Completion(ReplayRun run, ReplayBounds bounds, Duration emitInterval) {
      this.run = run;
      this.bounds = bounds;
      this.quietNanos = emitInterval.multipliedBy(2).plusMillis(300).toNanos();
    }

    ReplayRun run() {
      return run;
    }

    long done() {
      return done;
    }

    boolean check(ReplayAdmin cluster) {
      if (finished) {
        return true;
      }
      Map<TopicPartition, Long> committed = cluster.committed(run.applicationId());
      done = bounds.done(committed);
      if (!bounds.reached(committed) || !run.isRunning()) {
        lastEnds = null;
        return false;
      }
      List<String> repartition = cluster.topicsStartingWith(run.applicationId() + "-").stream()
          .filter(t -> t.endsWith("-repartition")).toList();
      Map<TopicPartition, Long> ends = cluster.endOffsets(repartition);
      boolean drained = ends.entrySet().stream()
          .allMatch(e -> e.getValue() == 0 || committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
      long now = System.nanoTime();
      if (!drained || !ends.equals(lastEnds)) {
        lastEnds = drained ? ends : null;
        quietSince = now;
        return false;
      }
      finished = now - quietSince >= quietNanos;
      return finished;
    }
  }
}
