/**
 * The report of a replay: what was replayed ({@link io.campaignpulse.replay.report.ReportScope}), the totals,
 * series and breakdowns of every campaign, where its subsidy budget was crossed, the what-if outcome and
 * comparisons between campaigns, made by {@link io.campaignpulse.replay.report.ReportBuilder} from the query
 * results of a finished replay and written by {@link io.campaignpulse.replay.report.ReportWriter} as JSON, CSV and
 * one self-contained HTML page.
 *
 * <p>Reports are deterministic: they hold nothing of the run itself (no wall-clock time, no run id), every list
 * and map has a defined order, and the writers produce byte-identical files for equal reports, so two replays
 * of the same input can be compared with {@code cmp}. Money is integer fen throughout; percentages are exact
 * decimals.
 */
package io.campaignpulse.replay.report;
