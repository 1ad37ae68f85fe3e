package io.campaignpulse.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Producer throughput of the project's Avro path (side A, {@link AvroProducerRun}) against Kafka's
 * {@code ProducerPerformance} (side B, {@link KafkaPerfRun}), per compression type, in one JVM against one broker.
 *
 * <p>Why this shape: the machine is shared and noisy, so absolute figures say little; a ratio to Kafka's own tool
 * measured in the same minutes on the same broker says how much the project's path costs. The records are
 * generated before any clock starts; side B's record size is side A's average serialized record (key + value);
 * each run writes a fresh topic. One warm-up run per side and compression comes first (JIT of this JVM and of the
 * broker, page cache), then {@code rounds} rounds alternate A and B: odd rounds run A first, even rounds B first,
 * so a drift over the run (the broker still warming up, other load on the machine) favours neither side. The
 * report takes the median of each.
 */
public final class ProduceBenchmark {

  /** What to run: records per measured and warm-up run, topic partitions, rounds, compressions, simulator seed. */
  public record Plan(long records, long warmupRecords, int partitions, int rounds, List<String> compressions,
      long seed) {
  }

  private static final long SETTLE_MS = 500;

  private final Plan plan;
  private final BenchServices services;
  private final PrintStream log;

  public ProduceBenchmark(Plan plan, BenchServices services, PrintStream log) {
    this.plan = plan;
    this.services = services;
    this.log = log;
  }

  public ProduceReport run() {
    int corpusSize = Math.toIntExact(Math.max(plan.records(), plan.warmupRecords()));
    log.printf("generating %,d trade-in order records (simulator seed %d) ...%n", corpusSize, plan.seed());
    OrderCorpus corpus = OrderCorpus.generate(corpusSize, plan.seed());
    int recordSize = (int) Math.round(corpus.averageRecordBytes());
    log.printf("average record: %.1f B key + %.1f B value = %d B; Kafka's tool runs with --record-size %d%n",
        corpus.averageKeyBytes(), corpus.averageValueBytes(), recordSize, recordSize);

    Runner runner = new Runner(corpus, recordSize);
    Map<String, ProduceReport.Row.Builder> rows = new LinkedHashMap<>();
    try (BenchTopics topics = new BenchTopics(services.bootstrapServers(), plan.partitions())) {
      int warmup = Math.toIntExact(plan.warmupRecords());
      for (String compression : plan.compressions()) {
        rows.put(compression, new ProduceReport.Row.Builder(compression));
        runner.ours(topics, "warm-up", compression, warmup);
        runner.kafka(topics, "warm-up", compression, warmup);
      }
      int n = Math.toIntExact(plan.records());
      for (int round = 1; round <= plan.rounds(); round++) {
        String label = "round " + round;
        for (String compression : plan.compressions()) {
          ProduceReport.Row.Builder row = rows.get(compression);
          if (round % 2 == 1) {
            runner.ours(topics, label, compression, n).addTo(row);
            runner.kafka(topics, label, compression, n).addTo(row);
          } else {
            runner.kafka(topics, label, compression, n).addTo(row);
            runner.ours(topics, label, compression, n).addTo(row);
          }
        }
      }
    }
    ProduceReport.Setup setup = new ProduceReport.Setup(LocalDate.now(), plan.records(), plan.partitions(),
        plan.rounds(), corpus.averageKeyBytes(), corpus.averageValueBytes(), recordSize,
        services.startedHere() ? "local KRaft broker (child JVM) on this machine" : services.bootstrapServers(),
        Runtime.getRuntime().availableProcessors());
    return new ProduceReport(setup, rows.values().stream().map(ProduceReport.Row.Builder::build).toList());
  }

  /** One measured run of either side, to be added to its row. */
  private record Measured(boolean ours, Throughput throughput, ProducerStats stats, CpuMeter.CpuPerRecord cpu) {
    void addTo(ProduceReport.Row.Builder row) {
      if (ours) {
        row.addOurs(throughput, stats, cpu);
      } else {
        row.addKafka(throughput, stats, cpu);
      }
    }
  }

  /** Runs one side once on a fresh topic, after letting the machine settle, and logs the result. */
  private final class Runner {
    private final OrderCorpus corpus;
    private final int recordSize;
    private final AvroProducerRun avro = new AvroProducerRun(services.schemaRegistryUrl());
    private final KafkaPerfRun perf = new KafkaPerfRun();
    private final CpuMeter cpu = new CpuMeter(services.brokerPid());

    Runner(OrderCorpus corpus, int recordSize) {
      this.corpus = corpus;
      this.recordSize = recordSize;
    }

    Measured ours(BenchTopics topics, String label, String compression, int n) {
      String topic = topics.create(slug(label) + "-ours-" + compression);
      settle();
      CpuMeter.Snapshot start = cpu.snapshot();
      AvroProducerRun.Result r = avro.run(corpus, n, topic, settings(compression));
      return logged(label, compression,
          new Measured(true, r.throughput(), r.stats(), cpu.snapshot().since(start, n)));
    }

    Measured kafka(BenchTopics topics, String label, String compression, int n) {
      String topic = topics.create(slug(label) + "-kafka-" + compression);
      settle();
      CpuMeter.Snapshot start = cpu.snapshot();
      KafkaPerfRun.Result r = perf.run(topic, n, recordSize, settings(compression));
      return logged(label, compression,
          new Measured(false, r.throughput(), r.stats(), cpu.snapshot().since(start, n)));
    }

    private ProducerSettings settings(String compression) {
      return new ProducerSettings(services.bootstrapServers(), compression);
    }

    private Measured logged(String label, String compression, Measured m) {
      Throughput t = m.throughput();
      log.printf("%-8s %-5s %-5s %,9.0f records/s %6.2f MB/s | batch %,6.0f B, %4.0f records/request | CPU "
          + "µs/record: producer %.2f, broker %.2f%n", label, compression, m.ours() ? "ours" : "kafka",
          t.recordsPerSec(), t.mbPerSec(), m.stats().batchSizeAvg(), m.stats().recordsPerRequestAvg(),
          m.cpu().clientMicros(), m.cpu().brokerMicros());
      return m;
    }
  }

  private static String slug(String label) {
    return label.replace(' ', '-');
  }

  /** Lets the broker finish the previous run's and the topic creation's work, and collects this JVM's garbage. */
  private static void settle() {
    System.gc();
    try {
      Thread.sleep(SETTLE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }
}
