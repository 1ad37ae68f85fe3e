package io.campaignpulse.app.cli;

import io.campaignpulse.app.Lifecycle;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.KafkaErrors;
import io.campaignpulse.producers.ingest.ConsoleProgress;
import io.campaignpulse.replay.Replay;
import io.campaignpulse.replay.ReplayCounts;
import io.campaignpulse.replay.ReplayException;
import io.campaignpulse.replay.ReplayRequest;
import io.campaignpulse.replay.SubsidyOverride;
import io.campaignpulse.replay.report.InputSummary;
import io.campaignpulse.replay.report.ReplayReport;
import io.campaignpulse.replay.report.ReportBuilder;
import io.campaignpulse.replay.report.ReportScope;
import io.campaignpulse.replay.report.ReportWriter;
import io.campaignpulse.replay.report.WhatIf;
import io.campaignpulse.streams.alerts.AlertSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code campaign-pulse replay}: re-runs past campaigns through the live topology, isolated from the live pipeline,
 * and writes a report (JSON, CSV, self-contained HTML), with what-if budgets, thresholds and subsidy rules.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Replay historical campaigns through the same topology the live pipeline runs, under the replay's own "
            + "application id: it reads the live input topics from the offsets for --from up to their end offsets "
            + "when it starts, writes nothing to the live topics, and removes its own topics, group and state "
            + "afterwards (unless --keep).",
        "Writes report.json, CSV files and report.html (charts included, no network needed) to --out."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the replay ran and the report was written", "1:the replay failed or was stopped",
        "2:usage error"})
public final class ReplayCommand implements Callable<Integer> {

  @Option(names = "--campaign", paramLabel = "ID", split = ",",
      description = "Campaigns to replay (repeat or comma-separate; default: all).")
  List<String> campaigns = new ArrayList<>();

  @Option(names = "--from", paramLabel = "TIME",
      description = "First event time counted: 2024-05-01, 2024-05-01T10:00 (in --time-zone) or an ISO instant.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Event time from which nothing counts (exclusive).")
  String to;

  @Option(names = "--budget", paramLabel = "ID=YUAN",
      description = "What-if: campaign ID's subsidy budget, in yuan (repeatable).")
  Map<String, String> budgets = new TreeMap<>();

  @Option(names = "--thresholds", paramLabel = "PERCENT", split = ",",
      description = "What-if: alert thresholds in percent of the budget for every campaign, e.g. 50,80,100.")
  List<Integer> thresholds;

  @Option(names = "--subsidy-rule", paramLabel = "CATEGORY=RULE",
      description = "What-if: recompute the subsidy of every order of a category: RATE% (15%), RATE%:CAP_YUAN "
          + "(20%:2000) or a fixed amount in yuan (20000). Repeatable; runs the replay a second time.")
  List<String> subsidyRules = new ArrayList<>();

  @Option(names = "--compare", paramLabel = "A:B",
      description = "Put campaign B beside campaign A with growth percentages (repeatable), e.g. two years of a fair.")
  List<String> compare = new ArrayList<>();

  @Option(names = "--file", paramLabel = "FILE",
      description = "Replay these historical files (orders, fair visits, fair sales; CSV or JSON Lines, plain or gzip,"
          + " as `produce file` reads them) instead of the live input topics (repeatable). Campaign definitions "
          + "still come from the live campaigns topic; bad lines go to --rejects.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Where the bad lines of --file go, with line number and reason (default: <out>/rejects.jsonl).")
  Path rejects;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default: replay-<id>).")
  Path out;

  @Option(names = "--replay-id", paramLabel = "ID",
      description = "Name of the replay's application id, topics and group (default: a fresh one).")
  String replayId;

  @Option(names = "--keep", description = "Keep the replay's topics and consumer groups afterwards, for inspection.")
  boolean keep;

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "${env:CAMPAIGN_PULSE_TIME_ZONE:-Asia/Shanghai}",
      description = "Time zone of the daily and hourly series, as the live pipeline's (default: Asia/Shanghai).")
  ZoneId timeZone;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:CAMPAIGN_PULSE_GRACE:-PT1H}",
      description = "Grace period for late events, as the live pipeline's (default: PT1H).")
  Duration grace;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:CAMPAIGN_PULSE_REPLAY_STATE_DIR:-var/replay}",
      description = "Where the replay's throwaway state goes while it runs (default: var/replay).")
  Path stateDir;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar with events/s and ETA on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Mixin
  ClusterOptions cluster;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String id = replayId != null ? replayId : ReplayRequest.newId();
    Path dir = out != null ? out : Path.of("replay-" + id);
    ReplayRequest request = request(id, dir);
    ReportScope scope = scope(request);
    List<String[]> pairs = comparePairs();
    PulseConfig config = cluster.toConfig(null).withAnalytics(timeZone, grace);
    Replay.Settings settings = new Replay.Settings(config.commonProperties(),
        config.producerProperties("campaign-pulse-replay"), config.serdeConfig(), config.topicNames(),
        config.analytics(), AlertSettings.defaults(), config.replicationFactor(), stateDir);
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    boolean terminal = progress != null ? progress : ConsoleProgress.stderrIsTerminal();
    try (Lifecycle lifecycle = new Lifecycle().closeOnShutdown();
        ReplayProgressBar bar = new ReplayProgressBar(terminal, System.err)) {
      Replay replay = lifecycle.own(new Replay(settings));
      Result result = replay.run(request, (progress != null && !progress) ? (d, t) -> { } : bar, outcome -> {
        ReplayCounts c = outcome.counts();
        long badLines = outcome.files().rejected(); // never reached Kafka: read and rejected, like dead letters
        InputSummary input = new InputSummary(c.read() + badLines, c.inScope(), c.passedOver(), c.rejected() + badLines,
            c.late());
        ReplayReport report = ReportBuilder.build(scope, input, outcome.baseline(), outcome.whatIf(), pairs,
            outcome.series());
        return new Result(report, c, outcome.records(), outcome.elapsed());
      });
      bar.close();
      ReportWriter.write(result.report(), dir);
      InputSummary input = result.report().input();
      stdout.printf("replay %s: %,d records read in %.1f s (%,.0f records/s): %,d counted, %,d out of range, "
              + "%,d rejected, %,d late%n", request.id(), input.read(), result.elapsed().toMillis() / 1000.0,
          result.records() * 1e9 / Math.max(1, result.elapsed().toNanos()), input.inScope(), input.outOfScope(),
          input.rejected(), input.late());
      stdout.printf("%d campaigns; report in %s (report.json, report.html, *.csv)%n",
          result.report().campaigns().size(), dir.toAbsolutePath());
      stdout.flush();
      return 0;
    } catch (ReplayException e) {
      stderr.println("campaign-pulse replay: " + e.getMessage());
      stderr.flush();
      return 1;
    } catch (KafkaException e) {
      // the cluster refused the replay's clients (credentials, TLS) or they could not be created: one line, exit 1
      stderr.println("campaign-pulse replay: Kafka at " + config.bootstrapServers() + ": " + KafkaErrors.describe(e));
      stderr.flush();
      return 1;
    } catch (IOException e) {
      stderr.println("campaign-pulse replay: cannot write the report to " + dir + ": " + e);
      stderr.flush();
      return 1;
    }
  }

  private record Result(ReplayReport report, ReplayCounts counts, long records, Duration elapsed) {
  }

  private ReplayRequest request(String id, Path dir) {
    for (Path file : files) {
      if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
        throw new ParameterException(spec.commandLine(), "cannot read " + file + ": no such file");
      }
    }
    try {
      List<SubsidyOverride> rules = subsidyRules.stream().map(SubsidyOverride::parse).toList();
      new io.campaignpulse.replay.SubsidyRules(rules); // two rules for one category are a usage error
      Set<String> ids = new LinkedHashSet<>();
      campaigns.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
      return new ReplayRequest(id, ids, TimeArgument.parse(from, timeZone), TimeArgument.parse(to, timeZone), rules,
          keep, files, files.isEmpty() ? null : rejects != null ? rejects : dir.resolve("rejects.jsonl"));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private ReportScope scope(ReplayRequest request) {
    Map<String, Long> budgetsFen = new TreeMap<>();
    budgets.forEach((id, yuan) -> budgetsFen.put(id, fen(id, yuan)));
    if (thresholds != null && thresholds.stream().anyMatch(t -> t <= 0 || t > 1000)) {
      throw new ParameterException(spec.commandLine(), "--thresholds are percentages of the budget, 1 to 1000");
    }
    List<String> rules = new io.campaignpulse.replay.SubsidyRules(request.subsidyRules()).describe();
    WhatIf whatIf = new WhatIf(budgetsFen, thresholds == null ? null : List.copyOf(new java.util.TreeSet<>(thresholds)),
        rules);
    String source = files.isEmpty() ? "topics " + String.join(",", cluster.topicNames().inputs())
        : "files " + files.stream().map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.joining(","));
    return new ReportScope(List.copyOf(request.campaigns()), request.from(), request.to(), source,
        timeZone.getId(), whatIf);
  }

  private long fen(String id, String yuan) {
    try {
      long fen = new BigDecimal(yuan.trim().replace(",", "")).movePointRight(2).longValueExact();
      if (fen < 0) {
        throw new NumberFormatException("negative");
      }
      return fen;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ParameterException(spec.commandLine(),
          "--budget " + id + "=" + yuan + ": expected an amount in yuan with at most 2 decimals");
    }
  }

  private List<String[]> comparePairs() {
    List<String[]> pairs = new ArrayList<>();
    for (String c : compare) {
      String[] parts = c.split(":", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new ParameterException(spec.commandLine(), "--compare " + c + ": expected A:B (two campaign ids)");
      }
      pairs.add(new String[] {parts[0].trim(), parts[1].trim()});
    }
    return pairs;
  }

}
