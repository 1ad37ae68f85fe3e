package io.campaignpulse.streams.alerts;

import io.campaignpulse.avro.AlertKind;

/**
 * One alert a ledger decided on: what crossed, the how-many-th time, and the projection for a forecast (-1 when
 * none). The ledger's figures at that moment complete the alert.
 */
public record Crossing(AlertKind kind, int thresholdPercent, int crossing, long projectedExhaustion) {

  /** The alert's stable id, its idempotency key: the same crossing always gets the same id. */
  public String alertId(String campaignId) {
    return campaignId + ":" + kind + ":" + thresholdPercent + ":" + crossing;
  }
}
