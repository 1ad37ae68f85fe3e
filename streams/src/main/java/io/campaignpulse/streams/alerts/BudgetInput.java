package io.campaignpulse.streams.alerts;

import java.util.List;

import io.campaignpulse.avro.Campaign;

/** What the budget stage reads, keyed by campaignId: subsidy changes of orders, and campaign (re)definitions. */
public sealed interface BudgetInput {

  /** Subsidy changes of one campaign, to apply in this order. */
  record Changes(List<SubsidyChange> changes) implements BudgetInput {
  }

  record Definition(Campaign campaign) implements BudgetInput {
  }
}
