package io.campaignpulse.streams.changes;

/**
 * What the per-partition stage emits: campaign batches keyed by campaignId (bound for the per-campaign stage: the
 * aggregates and the budget), and copies of late events (bound for the late-events topic).
 */
public sealed interface ChangeOutput {

  /** Everything one partition changed in one campaign since its last emit; the record key is the campaignId. */
  record Batch(CampaignBatch batch) implements ChangeOutput {
  }

  /** An event that counted in the all-time aggregates but arrived after its windows closed: its original bytes. */
  record Late(byte[] rawValue) implements ChangeOutput {
  }
}
