package io.campaignpulse.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What {@code bench query} measured, and its rendering: requests/s and latency percentiles of the campaign detail
 * endpoint under closed-loop load while the pipeline ingests, next to {@code /health} with the same generator
 * (Javalin's floor on this machine), wrk against both (a check on the generator), and Kafka's ProducerPerformance
 * on the same broker in the same run (the machine's speed): ratios are what carries over between runs on a
 * shared machine.
 */
public record QueryReport(Setup setup, Throughput producerPerf, History history, Ingest ingest, Phase detail,
    Phase health, Phase wrkDetail, Phase wrkHealth, String wrkSkipReason) {

  /** The run's settings. */
  public record Setup(LocalDate date, long historyEvents, int historyOrders, int campaigns, int partitions,
      long commitIntervalMs, int ingestRate, int connections, int warmupSeconds, int seconds, String broker,
      int cores, int recordBytes) {
  }

  /** Seconds from {@code PipelineService.start} to RUNNING and until the history was consumed; campaigns served. */
  public record History(double secondsToRunning, double consumedSeconds, int campaigns) {
  }

  /** The ingest: offered rate, orders sent in all, whether it ran out, seconds the app took to consume the rest. */
  public record Ingest(int offeredRate, long sent, boolean exhausted, double drainSeconds) {
  }

  /**
   * One query phase: the load's figures, the ingest rate achieved during its window, the app's consumer lag on
   * the order topic at its end (-1 unknown), and the cores busy in the app's JVM (this one) and the broker.
   */
  public record Phase(LoadResult load, double ingestPerSec, long lagAtEnd, double jvmCores, double brokerCores) {
  }

  /** Every phase that ran, in order. */
  public List<Phase> phases() {
    return Stream.of(detail, wrkDetail, health, wrkHealth).filter(Objects::nonNull).toList();
  }

  /** Whether every response of every phase was right. */
  public boolean passed() {
    return phases().stream().allMatch(p -> p.load().errors() == 0);
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    Setup s = setup;
    out.append(String.format(Locale.ROOT, "Query latency, %s: the app's API (PipelineService, Javalin) on 127.0.0.1 "
        + "while the pipeline (exactly_once_v2, commit.interval.ms %d, %d partitions) ingests %s; history %,d "
        + "TradeInOrder events (%,d orders) over %d campaigns; closed loop, %d connections, %d s warm-up then %d s "
        + "measured per phase; %d cores (shared), %s%n%n", s.date(), s.commitIntervalMs(), s.partitions(),
        s.ingestRate() == 0 ? "nothing" : String.format(Locale.ROOT, "%,d orders/s", s.ingestRate()),
        s.historyEvents(), s.historyOrders(), s.campaigns(), s.connections(), s.warmupSeconds(), s.seconds(),
        s.cores(), s.broker()));

    out.append("| run | requests/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | ingest/s | lag at end "
        + "| app cores | generator cores | detail req/s / it |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double detailRate = detail.load().requestsPerSec();
    for (Phase p : phases()) {
      LoadResult l = p.load();
      out.append(String.format(Locale.ROOT, "| %s, %s | %,.0f | %s | %s | %s | %s | %s | %,d | %,.0f | %s | %.2f | %s "
          + "| %.3f |%n", l.target(), l.generator(), l.requestsPerSec(), ms(l.p50Ms()), ms(l.p90Ms()), ms(l.p99Ms()),
          ms(l.p999Ms()), ms(l.maxMs()), l.errors(), p.ingestPerSec(), p.lagAtEnd() < 0 ? "?"
              : String.format(Locale.ROOT, "%,d", p.lagAtEnd()), p.jvmCores(), Double.isNaN(l.generatorCores()) ? "-"
              : String.format(Locale.ROOT, "%.2f", l.generatorCores()), detailRate / l.requestsPerSec()));
    }
    out.append(String.format(Locale.ROOT, "| Kafka ProducerPerformance: %,d records of %d B, lz4, acks=all (records/s) "
        + "| %,.0f | | | | | | | | | | | %.4f |%n", producerPerf.records(), s.recordBytes(), producerPerf.recordsPerSec(),
        detailRate / producerPerf.recordsPerSec()));
    out.append('\n');

    LoadResult d = detail.load();
    LoadResult h = health.load();
    out.append(String.format(Locale.ROOT, "- the detail endpoint against Javalin's floor (/health, same generator): "
        + "requests/s x%.3f, p50 x%.2f, p99 x%.2f%n", d.requestsPerSec() / h.requestsPerSec(), d.p50Ms() / h.p50Ms(),
        d.p99Ms() / h.p99Ms()));
    if (wrkDetail != null) {
      LoadResult w = wrkDetail.load();
      LoadResult wh = wrkHealth.load();
      out.append(String.format(Locale.ROOT, "- our generator against wrk, same endpoint and connections: detail "
          + "requests/s x%.3f, p50 x%.2f, p99 x%.2f; /health requests/s x%.3f, p50 x%.2f%n",
          d.requestsPerSec() / w.requestsPerSec(), d.p50Ms() / w.p50Ms(), d.p99Ms() / w.p99Ms(),
          h.requestsPerSec() / wh.requestsPerSec(), h.p50Ms() / wh.p50Ms()));
    } else {
      out.append("- wrk baseline skipped: ").append(wrkSkipReason).append('\n');
    }
    out.append(String.format(Locale.ROOT, "- CPU per detail request in the app's JVM (API, stores, and the pipeline "
        + "ingesting beside it): %.0f µs with our generator, %s with wrk; /health: %.0f µs; our generator's JVM: "
        + "%s per detail request; broker during the detail window: %s%n", perRequestMicros(detail),
        wrkDetail == null ? "-" : String.format(Locale.ROOT, "%.0f µs", perRequestMicros(wrkDetail)),
        perRequestMicros(health), Double.isNaN(d.generatorCpuSeconds()) ? "not measured"
            : String.format(Locale.ROOT, "%.0f µs", d.generatorCpuSeconds() * 1e6 / Math.max(1, d.requests())),
        cores(detail.brokerCores())));
    out.append(String.format(Locale.ROOT, "- pipeline: RUNNING %.1f s after start, the %,d history events consumed "
        + "%.1f s after start; all %d campaigns served with their orders before the first phase%n",
        history.secondsToRunning(), s.historyEvents(), history.consumedSeconds(), history.campaigns()));
    if (ingest.offeredRate() > 0) {
      out.append(String.format(Locale.ROOT, "- ingest: %,d orders/s offered, %,d sent over all phases%s; the app "
          + "consumed every one %s after the ingest stopped%n", ingest.offeredRate(), ingest.sent(),
          ingest.exhausted() ? " (it RAN OUT of orders before the last phase ended)" : "",
          Double.isNaN(ingest.drainSeconds()) ? "NOT within the wait" : String.format(Locale.ROOT, "%.1f s",
              ingest.drainSeconds())));
    }
    out.append(String.format(Locale.ROOT, "- responses: %,d detail responses in the window (%,d in all phases, warm-up "
        + "excluded) were 200 and parsed as the CampaignView of the requested campaign; errors: %s%n", d.requests(),
        phases().stream().mapToLong(p -> p.load().requests()).sum(), errorSummary()));
    out.append("- closed loop: each connection sends its next request when the previous answer is read, so these are "
        + "service times at that concurrency; a slower server gets fewer requests (no coordinated-omission "
        + "correction)\n");
    return out.toString();
  }

  private String errorSummary() {
    if (passed()) {
      return "none: PASSED";
    }
    StringBuilder out = new StringBuilder("FAILED");
    for (Phase p : phases()) {
      LoadResult l = p.load();
      if (l.errors() > 0) {
        out.append(String.format(Locale.ROOT, "; %s, %s: %,d non-200, %s bad bodies, %,d I/O errors (first: %s)",
            l.target(), l.generator(), l.non200(), l.badBodies() == LoadResult.NOT_CHECKED ? "unchecked"
                : Long.toString(l.badBodies()), l.ioErrors(), l.firstError()));
      }
    }
    return out.toString();
  }

  /** The app JVM's CPU time in the window per request, microseconds. */
  private static double perRequestMicros(Phase p) {
    return p.jvmCores() * p.load().seconds() * 1e6 / Math.max(1, p.load().requests());
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
  }

  private static String cores(double value) {
    return Double.isNaN(value) ? "not measured (not started here)" : String.format(Locale.ROOT, "%.2f cores", value);
  }
}
