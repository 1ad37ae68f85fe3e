package io.campaignpulse.replay.report;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * What was replayed, as the analyst asked for it. Holds nothing of the run itself (no wall-clock time, no run
 * id, no host), so replaying the same input with the same scope gives a byte-identical report.
 *
 * @param campaigns the requested campaign ids, sorted and distinct; empty for every campaign
 * @param from the first event time replayed, or null from the beginning
 * @param to the end of the replayed event time, or null to the end of the input
 * @param source where the events came from, e.g. {@code topics tradein-orders,fair-visits} or
 *     {@code files a.csv,b.jsonl}
 * @param zone the time zone of the hourly and daily series, e.g. {@code Asia/Shanghai}
 * @param whatIf the overrides ({@link WhatIf#NONE} for a plain replay)
 */
public record ReportScope(List<String> campaigns, Instant from, Instant to, String source, String zone,
    WhatIf whatIf) {

  public ReportScope {
    campaigns = campaigns == null ? List.of() : List.copyOf(new TreeSet<>(campaigns));
    whatIf = whatIf == null ? WhatIf.NONE : whatIf;
  }
}
