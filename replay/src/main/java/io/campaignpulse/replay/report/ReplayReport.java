package io.campaignpulse.replay.report;

import java.util.List;

/**
 * The report of one replay. Deterministic: equal inputs give equal reports, and the writers make byte-identical
 * files of equal reports.
 *
 * @param scope what was replayed
 * @param input how much input was seen
 * @param campaigns the campaigns, by id
 * @param comparisons the requested comparisons, in the order asked
 * @param unknownCampaigns requested or compared campaign ids the replay knows nothing of (sorted): they have no
 *     report and no comparison, and are listed so a typo does not pass for an empty campaign
 */
public record ReplayReport(ReportScope scope, InputSummary input, List<CampaignReport> campaigns,
    List<Comparison> comparisons, List<String> unknownCampaigns) {

  public ReplayReport {
    campaigns = List.copyOf(campaigns);
    comparisons = List.copyOf(comparisons);
    unknownCampaigns = unknownCampaigns == null ? List.of() : List.copyOf(unknownCampaigns);
  }
}
