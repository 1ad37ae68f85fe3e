package io.campaignpulse.replay.report;

/**
 * The first local hour in which cumulative granted subsidy reached a threshold of the budget.
 *
 * @param thresholdPercent the threshold, percent of the budget
 * @param hour the local hour key, as the hourly series labels it, e.g. {@code 2024-05-01T10}
 * @param cumulativeSubsidyFen cumulative granted subsidy at the end of that hour, in fen
 */
public record ThresholdCrossing(int thresholdPercent, String hour, long cumulativeSubsidyFen) {
}
