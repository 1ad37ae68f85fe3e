package io.campaignpulse.replay;

/**
 * What a replay did with the records it read: {@code read} within the offsets, of which {@code passedOver} were valid
 * events out of scope, {@code rejected} went to the replay's dead letters, {@code late} were too late for their
 * windows (counted in the totals, not the series); {@code beyondEnd} arrived after the replay started and were not
 * read.
 */
public record ReplayCounts(long read, long passedOver, long rejected, long late, long beyondEnd) {

  /** Events counted. */
  public long inScope() {
    return read - passedOver - rejected;
  }
}
