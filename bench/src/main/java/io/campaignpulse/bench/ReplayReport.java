package io.campaignpulse.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bench replay} measured, its table and its JSON: the replay's records per second over its whole run
 * (from the {@code run} call) and after its start-up (from its streams app reaching RUNNING), next to Kafka's
 * ConsumerPerformance over the same input topic in the same run, as ratios. With more than one round, the same
 * history is replayed again in the same JVM: the first round runs cold (the JIT compilers still at work), later
 * ones warm.
 *
 * @param consumerPerf null when it was skipped
 * @param rounds one replay each, in order; at least one
 */
public record ReplayReport(Setup setup, Throughput preload, ConsumerPerfRun.Summary consumerPerf, List<Run> rounds) {

  public ReplayReport {
    rounds = List.copyOf(rounds);
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("a report needs a round");
    }
  }

  /** The first round: a cold JVM, as a one-off replay runs. */
  public Run replay() {
    return rounds.get(0);
  }

  /** The goal of the district-2024 preset: its whole year replayed within this many seconds after start-up. */
  static final double DISTRICT_GOAL_SECONDS = 5.0;

  /** The workload and the settings. */
  public record Setup(LocalDate date, String preset, long events, int orders, int campaigns, int duplicates,
      int outOfOrderOrders, long seed, int partitions, String knobs, String broker, int cores,
      double averageKeyBytes, double averageValueBytes) {
  }

  /**
   * The replay: records read (its bounds: order events and campaign definitions), seconds from the {@code run}
   * call to its outcome, and from it until RUNNING and until the first committed progress; CPU seconds
   * of this JVM, of its stream threads and of the broker over the run; campaigns checked against the reference.
   */
  public record Run(long records, double seconds, double toRunningSeconds, double firstProgressSeconds,
      double jvmCpuSeconds, int streamThreads, double streamThreadCpuSeconds, double brokerCpuSeconds,
      int campaignsChecked, long passedOver, long rejected, long late) {

    /**
     * Seconds of start-up: until the streams app reached RUNNING or, when earlier, until the first records were
     * committed (with two stream threads, one may process while the other still joins: the app is RUNNING only
     * once both are).
     */
    public double startupSeconds() {
      return Double.isNaN(firstProgressSeconds) ? toRunningSeconds : Math.min(toRunningSeconds, firstProgressSeconds);
    }

    /** Seconds from the end of the start-up to the outcome. */
    public double afterStartupSeconds() {
      return seconds - startupSeconds();
    }

    public double recordsPerSec() {
      return records / seconds;
    }

    public double recordsPerSecAfterStartup() {
      return records / afterStartupSeconds();
    }
  }

  /** The first round's ratio, see {@link #ratio(Run)}. */
  public double ratio() {
    return ratio(replay());
  }

  /** Records/s after start-up over ConsumerPerformance's records/s while fetching (its group join left out too). */
  public double ratio(Run run) {
    return consumerPerf == null ? Double.NaN : run.recordsPerSecAfterStartup() / consumerPerf.fetchRecordsPerSec();
  }

  /** The first round's, see {@link #ratioWithStartup(Run)}. */
  public double ratioWithStartup() {
    return ratioWithStartup(replay());
  }

  /** Records/s over the whole run over ConsumerPerformance's records/s over its whole run (group join included). */
  public double ratioWithStartup(Run run) {
    return consumerPerf == null ? Double.NaN : run.recordsPerSec() / consumerPerf.recordsPerSec();
  }

  /** Whether the first round meets the district-2024 goal; null when this run is not that preset. */
  public Boolean districtGoalMet() {
    return districtGoalMet(replay());
  }

  /** Whether a round meets the district-2024 goal; null when this run is not that preset. */
  public Boolean districtGoalMet(Run run) {
    return "district-2024".equals(setup.preset()) ? run.afterStartupSeconds() < DISTRICT_GOAL_SECONDS : null;
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    Setup s = setup;
    out.append(String.format(Locale.ROOT, "Replay, %s%s: %,d TradeInOrder events (%,d orders, %d campaigns, %,d exact "
        + "duplicates, %,d orders with a version out of order; seed %d), %d partitions, %s, %d cores, %s%n",
        s.date(), s.preset() == null ? "" : " (" + s.preset() + ")", s.events(), s.orders(), s.campaigns(),
        s.duplicates(), s.outOfOrderOrders(), s.seed(), s.partitions(), s.knobs(), s.cores(), s.broker()));
    out.append(String.format(Locale.ROOT, "record: %.1f B key + %.1f B value; the replay reads %,d records (order "
        + "events and campaign definitions)%n%n", s.averageKeyBytes(), s.averageValueBytes(), replay().records()));
    out.append("| run | records | seconds | records/s | replay / it |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    for (int i = 0; i < rounds.size(); i++) {
      Run r = rounds.get(i);
      String round = rounds.size() == 1 ? "replay" : String.format(Locale.ROOT, "replay round %d (%s JVM)", i + 1,
          i == 0 ? "cold" : "warm");
      out.append(String.format(Locale.ROOT, "| %s, after start-up (RUNNING or first commit, until counted) | %,d | %.2f | %,.0f | "
          + "|%n", round, r.records(), r.afterStartupSeconds(), r.recordsPerSecAfterStartup()));
      out.append(String.format(Locale.ROOT, "| %s, whole run (run() call until outcome) | %,d | %.2f | %,.0f | |%n",
          round, r.records(), r.seconds(), r.recordsPerSec()));
    }
    if (consumerPerf != null) {
      ConsumerPerfRun.Summary c = consumerPerf;
      out.append(String.format(Locale.ROOT, "| Kafka ConsumerPerformance, the input topic, fetch time | %,d | %.2f "
          + "| %,.0f | %s |%n", c.records(), c.fetchMs() / 1000.0, c.fetchRecordsPerSec(), ratios(true)));
      out.append(String.format(Locale.ROOT, "| Kafka ConsumerPerformance, group join (%d ms) included | %,d | %.2f "
          + "| %,.0f | %s |%n", c.rebalanceMs(), c.records(), c.records() / c.recordsPerSec(), c.recordsPerSec(),
          ratios(false)));
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "- ratio: replay after start-up / ConsumerPerformance fetch = %s (0.3 "
        + "would be a record); whole run / ConsumerPerformance whole run = %s%s%n", ratioText(ratio()),
        ratioText(ratioWithStartup()), rounds.size() == 1 ? "" : " (round 1; every round: " + ratios(true) + ")"));
    for (int i = 0; i < rounds.size(); i++) {
      Run r = rounds.get(i);
      String prefix = rounds.size() == 1 ? "- " : String.format(Locale.ROOT, "- round %d: ", i + 1);
      out.append(String.format(Locale.ROOT, "%sstart-up %.2f s (bounds, topics, group offsets, group join): "
          + "the earlier of RUNNING, %.2f s after run(), and the first records committed, at %.2f s%n", prefix,
          r.startupSeconds(), r.toRunningSeconds(), r.firstProgressSeconds()));
      out.append(String.format(Locale.ROOT, "%sCPU over the run: this JVM %.1f s (%.1f µs/record), of which %d "
          + "stream threads %.1f s (%.2f cores over the time after start-up); broker %s%n", prefix,
          r.jvmCpuSeconds(), r.jvmCpuSeconds() * 1e6 / r.records(), r.streamThreads(), r.streamThreadCpuSeconds(),
          r.streamThreadCpuSeconds() / r.afterStartupSeconds(), Double.isNaN(r.brokerCpuSeconds()) ? "not measured"
              : String.format(Locale.ROOT, "%.1f s (%.1f µs/record)", r.brokerCpuSeconds(),
                  r.brokerCpuSeconds() * 1e6 / r.records())));
      out.append(String.format(Locale.ROOT, "%stotals: %d campaigns of the replay's baseline (CampaignQueries.all) "
          + "equal the reference model in orders, pendingOrders, orderConsumptionFen, consumptionFen, subsidyFen, "
          + "pendingSubsidyFen: PASSED; passed over %,d, dead letters %,d, late %,d%n", prefix, r.campaignsChecked(),
          r.passedOver(), r.rejected(), r.late()));
      Boolean goal = districtGoalMet(r);
      if (goal != null) {
        out.append(String.format(Locale.ROOT, "%sdistrict-2024: the whole year (%,d records) replayed in %.2f s "
            + "after start-up (goal: under %.0f s): %s; %.2f s in all%n", prefix, r.records(),
            r.afterStartupSeconds(), DISTRICT_GOAL_SECONDS, goal ? "MET" : "NOT MET", r.seconds()));
      }
    }
    return out.toString();
  }

  private String ratios(boolean fetch) {
    List<String> parts = new ArrayList<>();
    rounds.forEach(r -> parts.add(String.format(Locale.ROOT, "%.3f", fetch ? ratio(r) : ratioWithStartup(r))));
    return String.join(" / ", parts);
  }

  /** The figures as one JSON object: the first round's flat, every round's under {@code rounds}. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    Setup s = setup;
    m.put("benchmark", "replay");
    m.put("date", s.date().toString());
    m.put("preset", s.preset());
    m.put("events", s.events());
    m.put("orders", s.orders());
    m.put("campaigns", s.campaigns());
    m.put("seed", s.seed());
    m.put("partitions", s.partitions());
    m.put("knobs", s.knobs());
    m.put("broker", s.broker());
    m.put("cores", s.cores());
    m.put("recordBytes", round(s.averageKeyBytes() + s.averageValueBytes(), 1));
    m.put("preloadRecordsPerSec", round(preload.recordsPerSec(), 0));
    if (consumerPerf != null) {
      m.put("consumerPerfFetchRecordsPerSec", round(consumerPerf.fetchRecordsPerSec(), 0));
      m.put("consumerPerfRecordsPerSec", round(consumerPerf.recordsPerSec(), 0));
      m.put("consumerPerfRebalanceMs", consumerPerf.rebalanceMs());
    }
    m.putAll(json(replay()));
    if (rounds.size() > 1) {
      m.put("rounds", rounds.stream().map(this::json).toList());
    }
    return m;
  }

  private Map<String, Object> json(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("replayRecords", r.records());
    m.put("replaySeconds", round(r.seconds(), 3));
    m.put("replayToRunningSeconds", round(r.toRunningSeconds(), 3));
    m.put("replayFirstProgressSeconds", round(r.firstProgressSeconds(), 3));
    m.put("replayStartupSeconds", round(r.startupSeconds(), 3));
    m.put("replayAfterStartupSeconds", round(r.afterStartupSeconds(), 3));
    m.put("replayRecordsPerSec", round(r.recordsPerSec(), 0));
    m.put("replayRecordsPerSecAfterStartup", round(r.recordsPerSecAfterStartup(), 0));
    if (consumerPerf != null) {
      m.put("ratio", round(ratio(r), 4));
      m.put("ratioWithStartup", round(ratioWithStartup(r), 4));
    }
    m.put("jvmCpuSeconds", round(r.jvmCpuSeconds(), 2));
    m.put("streamThreads", r.streamThreads());
    m.put("streamThreadCpuSeconds", round(r.streamThreadCpuSeconds(), 2));
    m.put("brokerCpuSeconds", Double.isNaN(r.brokerCpuSeconds()) ? null : round(r.brokerCpuSeconds(), 2));
    m.put("campaignsChecked", r.campaignsChecked());
    m.put("totalsExact", true);
    m.put("deadLetters", r.rejected());
    m.put("late", r.late());
    m.put("districtGoalMet", districtGoalMet(r));
    return m;
  }

  static String ratioText(double ratio) {
    return Double.isNaN(ratio) ? "n/a (ConsumerPerformance skipped)" : String.format(Locale.ROOT, "%.3f", ratio);
  }

  private static Double round(double value, int digits) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
