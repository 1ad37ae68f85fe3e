package io.campaignpulse.bench;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bench streams} measured, and its rendering: the pipeline's throughput next to Kafka's producer and
 * consumer perf tools on the same broker in the same run (as ratios), its time to RUNNING and CPU, the totals
 * checks against the reference model, and the end-to-end latency at a fixed offered rate.
 */
public record StreamsReport(Setup setup, Throughput producerPerf, ConsumerPerfRun.Summary consumerPerf,
    Throughput preload, Pipeline pipeline, Latency latency, Peer peer, Warmup warmup) {

  /** The workload and the settings. */
  public record Setup(LocalDate date, long events, int orders, int campaigns, int duplicates, int outOfOrderOrders,
      long seed, int partitions, long commitIntervalMs, String streamsOverrides, String broker, int cores,
      double averageKeyBytes, double averageValueBytes) {

    public int recordSize() {
      return (int) Math.round(averageKeyBytes + averageValueBytes);
    }
  }

  /**
   * The throughput phase: seconds from {@code PipelineService.start} to RUNNING, seconds from RUNNING until all
   * input was consumed and {@code campaign-totals} equalled the reference, seconds from RUNNING until the committed
   * input offsets alone covered the input, CPU seconds over the phase, the campaigns compared and dead letters
   * written.
   */
  public record Pipeline(double secondsToRunning, double seconds, double inputConsumedSeconds, long events,
      long bytes, double jvmCpuSeconds, double brokerCpuSeconds, int campaignsChecked, long deadLetters,
      double secondHalfEventsPerSec, double lastQuarterEventsPerSec, Map<String, Long> written) {

    public double eventsPerSec() {
      return events / seconds;
    }

    public double mbPerSec() {
      return bytes / seconds / (1024.0 * 1024.0);
    }
  }

  /**
   * The straightforward Kafka Streams DSL peer ({@link DslPeerTopology}) on the same input, timed like the pipeline:
   * seconds to RUNNING, seconds from RUNNING to exact totals, events read, CPU seconds over that time.
   */
  public record Peer(double secondsToRunning, double seconds, long events, double jvmCpuSeconds,
      double brokerCpuSeconds, double secondHalfEventsPerSec, double lastQuarterEventsPerSec, int campaignsChecked) {

    public double eventsPerSec() {
      return events / seconds;
    }
  }

  /**
   * The warm-up before the measured runs: a workload of its own through a throwaway pipeline, from cold JVMs (the
   * cold-start figure), timed like the measured run, and through the DSL peer when there is one.
   */
  public record Warmup(long events, double secondsToRunning, double seconds, double jvmCpuSeconds,
      double brokerCpuSeconds, Peer peer) {

    public double eventsPerSec() {
      return events / seconds;
    }
  }

  /** The latency phase, and the totals check after it. */
  public record Latency(int rate, int seconds, LatencyPhase.Result result, double jvmCores, double brokerCores,
      int campaignsChecked) {
  }

  /** Pipeline events/s over ProducerPerformance records/s. */
  public double producerRatio() {
    return pipeline.eventsPerSec() / producerPerf.recordsPerSec();
  }

  /** Pipeline events/s over ConsumerPerformance records/s (its fetch time: group join left out, as for ours). */
  public double consumerRatio() {
    return pipeline.eventsPerSec() / consumerPerf.fetchRecordsPerSec();
  }

  /** Pipeline events/s over the DSL peer's, NaN without a peer run. */
  public double peerRatio() {
    return peer == null ? Double.NaN : pipeline.eventsPerSec() / peer.eventsPerSec();
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    Setup s = setup;
    out.append(String.format(Locale.ROOT, "Streams pipeline, %s: %,d TradeInOrder events (%,d orders, %d campaigns, "
        + "%,d exact duplicates, %,d orders with a version out of order; seed %d), %d partitions, exactly_once_v2, "
        + "commit.interval.ms %d, %s, %d cores, %s%n", s.date(), s.events(), s.orders(), s.campaigns(), s.duplicates(),
        s.outOfOrderOrders(), s.seed(), s.partitions(), s.commitIntervalMs(), s.streamsOverrides(), s.cores(),
        s.broker()));
    out.append(String.format(Locale.ROOT, "record: %.1f B key + %.1f B value (Confluent wire format) = %d B%n%n",
        s.averageKeyBytes(), s.averageValueBytes(), s.recordSize()));
    if (warmup == null) {
      out.append("No warm-up: the figures below include the JIT compilation of both JVMs (a cold start).\n\n");
    } else {
      Warmup w = warmup;
      out.append(String.format(Locale.ROOT, "Warm-up first, from cold JVMs: %,d events of a workload of its own "
          + "through a throwaway pipeline, %,.0f events/s (the cold start: RUNNING after %.2f s, exact totals %.1f s "
          + "later; CPU this JVM %.1f µs/event, broker %s)%s. The figures below are of warm JVMs, as a long-running "
          + "app and broker are.%n%n", w.events(), w.eventsPerSec(), w.secondsToRunning(), w.seconds(),
          w.jvmCpuSeconds() * 1e6 / w.events(), Double.isNaN(w.brokerCpuSeconds()) ? "not measured"
              : String.format(Locale.ROOT, "%.1f µs/event", w.brokerCpuSeconds() * 1e6 / w.events()),
          w.peer() == null ? "" : String.format(Locale.ROOT, "; then through the DSL peer, %,.0f events/s",
              w.peer().eventsPerSec())));
    }

    Pipeline p = pipeline;
    out.append("| run | records/s | MB/s | seconds | pipeline / it |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    out.append(String.format(Locale.ROOT, "| pipeline: RUNNING until all input consumed and campaign-totals exact "
        + "| %,.0f | %.2f | %.1f | |%n", p.eventsPerSec(), p.mbPerSec(), p.seconds()));
    out.append(String.format(Locale.ROOT, "| Kafka ProducerPerformance: %,d records of %d B, lz4, acks=all "
        + "| %,.0f | %.2f | %.1f | %.3f |%n", producerPerf.records(), s.recordSize(), producerPerf.recordsPerSec(),
        producerPerf.mbPerSec(), producerPerf.records() / producerPerf.recordsPerSec(), producerRatio()));
    out.append(String.format(Locale.ROOT, "| Kafka ConsumerPerformance: the pipeline's input topic (fetch time) "
        + "| %,.0f | %.2f | %.1f | %.3f |%n", consumerPerf.fetchRecordsPerSec(), consumerPerf.fetchMbPerSec(),
        consumerPerf.fetchMs() / 1000.0, consumerRatio()));
    out.append(String.format(Locale.ROOT, "| our pre-produce: project producer settings, values pre-serialized "
        + "| %,.0f | %.2f | %.1f | %.3f |%n", preload.recordsPerSec(), preload.mbPerSec(),
        preload.records() / preload.recordsPerSec(), p.eventsPerSec() / preload.recordsPerSec()));
    if (peer != null) {
      out.append(String.format(Locale.ROOT, "| straightforward Kafka Streams DSL peer, exactly_once_v2, same input, "
          + "after the pipeline | %,.0f | | %.1f | %.3f |%n", peer.eventsPerSec(), peer.seconds(),
          peerRatio()));
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "- time to RUNNING: %.2f s (PipelineService.start until KafkaStreams "
        + "RUNNING)%n", p.secondsToRunning()));
    out.append(String.format(Locale.ROOT, "- input offsets committed (all %,d events read by the first stage) "
        + "%.1f s after RUNNING = %,.0f events/s; campaign-totals exact %.1f s later%n", p.events(),
        p.inputConsumedSeconds(), p.events() / p.inputConsumedSeconds(), p.seconds() - p.inputConsumedSeconds()));
    out.append(String.format(Locale.ROOT, "- the second half of the input (without a warm-up, once the JIT "
        + "compilers' busiest first minute or two is over): %s; the last quarter (closest to steady state): %s%n",
        rate(p.secondHalfEventsPerSec()), rate(p.lastQuarterEventsPerSec())));
    out.append(String.format(Locale.ROOT, "- CPU from RUNNING to exact totals: this JVM (the streams app) %.1f s = "
        + "%.1f µs/event, broker %s; %.2f of %d cores busy on average%n", p.jvmCpuSeconds(),
        p.jvmCpuSeconds() * 1e6 / p.events(), Double.isNaN(p.brokerCpuSeconds()) ? "not measured (not started here)"
            : String.format(Locale.ROOT, "%.1f s = %.1f µs/event", p.brokerCpuSeconds(),
                p.brokerCpuSeconds() * 1e6 / p.events()),
        (p.jvmCpuSeconds() + (Double.isNaN(p.brokerCpuSeconds()) ? 0 : p.brokerCpuSeconds())) / p.seconds(),
        s.cores()));
    out.append(String.format(Locale.ROOT, "- ConsumerPerformance over its whole run, group join (%d ms) included: "
        + "%,.0f records/s%n", consumerPerf.rebalanceMs(), consumerPerf.recordsPerSec()));
    out.append(String.format(Locale.ROOT, "- totals: %d campaigns on campaign-totals (read_committed) equal the "
        + "reference model in orders, pendingOrders, orderConsumptionFen, consumptionFen, subsidyFen, "
        + "pendingSubsidyFen: PASSED; dead letters: %d%n", p.campaignsChecked(), p.deadLetters()));
    if (peer != null) {
      Peer d = peer;
      out.append(String.format(Locale.ROOT, "- DSL peer (latest version per order as a KTable, re-grouped by campaign "
          + "with a subtractor; the totals only): RUNNING after %.2f s; %,d events (latency-phase orders included) "
          + "in %.1f s = %,.0f events/s; second half %s, last quarter %s; CPU this JVM %.1f µs/event, broker %s; "
          + "%d campaigns equal the reference model: PASSED%n", d.secondsToRunning(), d.events(), d.seconds(),
          d.eventsPerSec(), rate(d.secondHalfEventsPerSec()), rate(d.lastQuarterEventsPerSec()),
          d.jvmCpuSeconds() * 1e6 / d.events(), Double.isNaN(d.brokerCpuSeconds()) ? "not measured"
              : String.format(Locale.ROOT, "%.1f µs/event", d.brokerCpuSeconds() * 1e6 / d.events()),
          d.campaignsChecked()));
    }
    if (!p.written().isEmpty()) {
      out.append("\nRecords the pipeline wrote (end offsets, so each transaction's commit markers are included), per input "
          + "event:\n\n| topic | records | per event |\n|---|---:|---:|\n");
      p.written().forEach((topic, records) -> out.append(String.format(Locale.ROOT, "| %s | %,d | %.3f |%n", topic,
          records, records / (double) p.events())));
    }

    if (latency != null) {
      LatencyPhase.Result r = latency.result();
      out.append('\n');
      out.append(String.format(Locale.ROOT, "Latency at %,d events/s offered for %d s (sent %,d in %.1f s = %,.0f/s), "
          + "a probe order every %.1f ms on partition %d of %d: time from the probe's send to campaign-totals "
          + "(read_committed) showing it%n%n", latency.rate(), latency.seconds(), r.sent(), r.sendSeconds(),
          r.achievedRate(), r.probeIntervalMs(), r.probePartition(), r.partitions()));
      if (r.achievedRate() > p.eventsPerSec()) {
        out.append(String.format(Locale.ROOT, "The offered rate is above the pipeline's throughput measured above "
            + "(%,.0f events/s): a backlog builds up while sending, and the latencies measure it.%n%n",
            p.eventsPerSec()));
      }
      Percentiles l = r.latencyMs();
      Percentiles a = r.alertLatencyMs();
      out.append("| from the probe's send to | probes | p50 ms | p90 ms | p99 ms | max ms |\n");
      out.append("|---|---:|---:|---:|---:|---:|\n");
      out.append(String.format(Locale.ROOT, "| campaign-totals showing it | %,d | %.1f | %.1f | %.1f | %.1f |%n",
          l.count(), l.p50(), l.p90(), l.p99(), l.max()));
      out.append(String.format(Locale.ROOT, "| its budget alert readable on budget-alerts | %,d | %.1f | %.1f | %.1f "
          + "| %.1f |%n%n", a.count(), a.p50(), a.p90(), a.p99(), a.max()));
      out.append(String.format(Locale.ROOT, "- CPU while sending: this JVM %.2f cores, broker %s%n",
          latency.jvmCores(), Double.isNaN(latency.brokerCores()) ? "not measured"
              : String.format(Locale.ROOT, "%.2f cores", latency.brokerCores())));
      out.append(String.format(Locale.ROOT, "- totals after the latency phase: %d campaigns (probe campaign "
          + "included) equal the reference model: PASSED%n", latency.campaignsChecked()));
    }
    return out.toString();
  }

  /** A rate over part of the input; NaN when that part was committed at once, between two looks at the offsets. */
  private static String rate(double eventsPerSec) {
    return Double.isNaN(eventsPerSec) ? "not measured (committed at once)"
        : String.format(Locale.ROOT, "%,.0f events/s", eventsPerSec);
  }
}
