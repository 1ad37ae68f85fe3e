package io.campaignpulse.streams.alerts;

/**
 * How one order version changed its campaign's subsidy: granted (APPROVED + PAID) and pending (SUBMITTED), in
 * fen, either sign. Sent per order event, keyed by campaignId, so the budget stage knows which order crossed a
 * threshold; an order that moves to another campaign makes two changes, one per campaign.
 */
public record SubsidyChange(String orderId, long eventTime, long grantedFen, long pendingFen) {

  public boolean isZero() {
    return grantedFen == 0 && pendingFen == 0;
  }
}
