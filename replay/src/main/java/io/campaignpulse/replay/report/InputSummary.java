package io.campaignpulse.replay.report;

/**
 * How much input the replay saw: every record read, those within the scope (campaigns and time range) and those
 * outside it, those the input contract rejected (dead letters), and those that arrived later than the grace
 * period (they count in the totals but not in the hourly and daily series).
 */
public record InputSummary(long read, long inScope, long outOfScope, long rejected, long late) {

  public static final InputSummary EMPTY = new InputSummary(0, 0, 0, 0, 0);
}
