package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.alerts.SubsidyChange;

/**
 * What the per-partition stage emits: aggregate deltas keyed by campaignId (bound for the per-campaign stage),
 * per-order subsidy changes keyed by campaignId (bound for the budget stage), and copies of late events (bound for
 * the late-events topic).
 */
public sealed interface ChangeOutput {

  /** A delta of one aggregate; the record key is the campaignId. */
  record Delta(AggregateDelta delta) implements ChangeOutput {
  }

  /** How one order event changed its campaign's subsidy; the record key is the campaignId. */
  record Subsidy(SubsidyChange change) implements ChangeOutput {
  }

  /** An event that counted in the all-time aggregates but arrived after its windows closed: its original bytes. */
  record Late(byte[] rawValue) implements ChangeOutput {
  }
}
