package io.campaignpulse.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The result of {@link ProduceBenchmark}: per compression type the median records/s and MB/s of each side and the
 * ratios ours/Kafka, rendered as a Markdown table (ready for the README), the producers' batch figures that
 * explain them, and the notes needed to read them.
 */
public record ProduceReport(Setup setup, List<Row> rows) {

  /** The goal from the producers issue: the project's path at no less than this share of Kafka's tool. */
  public static final double GOAL_RATIO = 0.8;

  /** What was measured, for the table's caption. */
  public record Setup(LocalDate date, long records, int partitions, int rounds, double averageKeyBytes,
      double averageValueBytes, int recordSize, String broker, int cores) {
  }

  /** One side's measured runs of one compression type, with its producer's figures and CPU cost per run. */
  public record Side(List<Throughput> runs, List<ProducerStats> stats, List<CpuMeter.CpuPerRecord> cpu) {

    public double recordsPerSec() {
      return median(runs, Throughput::recordsPerSec);
    }

    public double mbPerSec() {
      return median(runs, Throughput::mbPerSec);
    }

    public double batchSizeAvg() {
      return median(stats, ProducerStats::batchSizeAvg);
    }

    public double recordsPerRequestAvg() {
      return median(stats, ProducerStats::recordsPerRequestAvg);
    }

    public double compressionRateAvg() {
      return median(stats, ProducerStats::compressionRateAvg);
    }

    /** Median CPU microseconds per record in the producing JVM. */
    public double clientCpuMicros() {
      return median(cpu, CpuMeter.CpuPerRecord::clientMicros);
    }

    /** Median CPU microseconds per record in the broker (NaN for a broker not started here). */
    public double brokerCpuMicros() {
      return median(cpu, CpuMeter.CpuPerRecord::brokerMicros);
    }

    /** Producer plus broker CPU microseconds per record (NaN when the broker's is unknown). */
    public double totalCpuMicros() {
      return clientCpuMicros() + brokerCpuMicros();
    }
  }

  /** One compression type: both sides. */
  public record Row(String compression, Side ours, Side kafka) {

    /** Median records/s of ours over median records/s of Kafka's tool. */
    public double recordsRatio() {
      return ours.recordsPerSec() / kafka.recordsPerSec();
    }

    /** Median MB/s of ours over median MB/s of Kafka's tool. */
    public double mbRatio() {
      return ours.mbPerSec() / kafka.mbPerSec();
    }

    /**
     * Records/s of ours over Kafka's within each round (the two runs next to each other in time), in round order:
     * less exposed to load that changes over the whole benchmark than the ratio of the medians.
     */
    public List<Double> roundRatios() {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < Math.min(ours.runs().size(), kafka.runs().size()); i++) {
        ratios.add(ours.runs().get(i).recordsPerSec() / kafka.runs().get(i).recordsPerSec());
      }
      return ratios;
    }

    /**
     * Kafka's CPU per record (producer + broker) over ours: the throughput ratio to expect when the machine's cores
     * are the limit, and much less moved by other load than the throughput ratio itself. NaN without broker CPU.
     */
    public double cpuRatio() {
      return kafka.totalCpuMicros() / ours.totalCpuMicros();
    }

    /** Collects the runs of one compression type as they complete. */
    public static final class Builder {
      private final String compression;
      private final List<Throughput> ours = new ArrayList<>();
      private final List<ProducerStats> oursStats = new ArrayList<>();
      private final List<CpuMeter.CpuPerRecord> oursCpu = new ArrayList<>();
      private final List<Throughput> kafka = new ArrayList<>();
      private final List<ProducerStats> kafkaStats = new ArrayList<>();
      private final List<CpuMeter.CpuPerRecord> kafkaCpu = new ArrayList<>();

      public Builder(String compression) {
        this.compression = compression;
      }

      public void addOurs(Throughput t, ProducerStats stats, CpuMeter.CpuPerRecord cpu) {
        ours.add(t);
        oursStats.add(stats);
        oursCpu.add(cpu);
      }

      public void addKafka(Throughput t, ProducerStats stats, CpuMeter.CpuPerRecord cpu) {
        kafka.add(t);
        kafkaStats.add(stats);
        kafkaCpu.add(cpu);
      }

      public Row build() {
        return new Row(compression, new Side(List.copyOf(ours), List.copyOf(oursStats), List.copyOf(oursCpu)),
            new Side(List.copyOf(kafka), List.copyOf(kafkaStats), List.copyOf(kafkaCpu)));
      }
    }
  }

  /** The median of the values, NaN ones left out (mean of the middle two for an even count); NaN for none. */
  public static <T> double median(List<T> items, ToDoubleFunction<T> value) {
    double[] v = items.stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  /** The report: caption, Markdown tables, notes and the verdict against {@link #GOAL_RATIO}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    appendCaption(out);
    appendThroughput(out);
    appendProducerFigures(out);
    appendNotes(out);
    appendVerdict(out);
    return out.toString();
  }

  private void appendCaption(StringBuilder out) {
    Setup s = setup;
    out.append(String.format(Locale.ROOT, "Producer throughput, %s: %,d TradeInOrder records per run, %d partitions, "
        + "median of %d rounds, %d cores, %s%n", s.date(), s.records(), s.partitions(), s.rounds(), s.cores(),
        s.broker()));
    out.append(String.format(Locale.ROOT, "record: %.1f B key + %.1f B value (Confluent wire format) = %d B; "
        + "Kafka's ProducerPerformance: --record-size %d, null key%n%n", s.averageKeyBytes(), s.averageValueBytes(),
        s.recordSize(), s.recordSize()));
  }

  private void appendThroughput(StringBuilder out) {
    out.append("| compression | ours records/s | ours MB/s | Kafka records/s | Kafka MB/s "
        + "| ratio records/s | ratio MB/s | ratio per round |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %,.0f | %.2f | %.2f | %.2f | %s |%n",
          r.compression(), r.ours().recordsPerSec(), r.ours().mbPerSec(), r.kafka().recordsPerSec(),
          r.kafka().mbPerSec(), r.recordsRatio(), r.mbRatio(), roundRatios(r)));
    }
  }

  private void appendProducerFigures(StringBuilder out) {
    out.append("\nWhere the records went (medians): the producers' own batch averages, and CPU microseconds per record "
        + "in the producing JVM and in the broker.\n\n");
    out.append("| compression | side | batch bytes (compressed) | records per request | compression rate "
        + "| producer CPU µs/record | broker CPU µs/record |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      appendStats(out, r.compression(), "ours", r.ours());
      appendStats(out, r.compression(), "Kafka", r.kafka());
    }
    out.append('\n');
  }

  private void appendNotes(StringBuilder out) {
    for (Row r : rows) {
      if (!Double.isNaN(r.cpuRatio())) {
        out.append(String.format(Locale.ROOT, "- %s: CPU per record, producer + broker: ours %.2f µs, "
            + "Kafka's %.2f µs; ratio %.2f (the throughput ratio when the cores are the limit)%n", r.compression(),
            r.ours().totalCpuMicros(), r.kafka().totalCpuMicros(), r.cpuRatio()));
      }
    }
    for (Row r : rows) {
      if (!r.compression().equals("none")) {
        out.append(String.format(Locale.ROOT, "- %s: Avro records compress (rate %.2f) while Kafka's tool sends "
            + "random A-Z letters (rate %.2f): this row compares different bytes on the wire; the none row compares "
            + "like with like.%n", r.compression(), r.ours().compressionRateAvg(), r.kafka().compressionRateAvg()));
      }
    }
    out.append("- ours: orderId keys, hashed over all partitions (as the real producer); Kafka's tool: null keys, "
        + "the sticky partitioner fills one partition's batch at a time.\n");
    out.append("- MB = 2^20 bytes of key + value, before compression, as Kafka's tool counts. Ratios are ours / "
        + "Kafka's: of the medians, and within each round (odd rounds ran ours first, even rounds Kafka's).\n");
  }

  private void appendVerdict(StringBuilder out) {
    for (Row r : rows) {
      boolean met = r.recordsRatio() >= GOAL_RATIO;
      out.append(String.format(Locale.ROOT, "goal ours/Kafka >= %.2f, %s: %.2f, %s%n", GOAL_RATIO,
          r.compression(), r.recordsRatio(), met ? "met" : "NOT met"));
    }
  }

  private static String roundRatios(Row r) {
    List<String> ratios = r.roundRatios().stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList();
    return String.join(" ", ratios) + String.format(Locale.ROOT, " (median %.2f)",
        median(r.roundRatios(), Double::doubleValue));
  }

  private static void appendStats(StringBuilder out, String compression, String side, Side s) {
    out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.0f | %.2f | %.2f | %.2f |%n", compression, side,
        s.batchSizeAvg(), s.recordsPerRequestAvg(), s.compressionRateAvg(), s.clientCpuMicros(),
        s.brokerCpuMicros()));
  }
}
