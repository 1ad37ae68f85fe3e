package io.campaignpulse.streams.alerts;

import io.campaignpulse.avro.Campaign;

/** What the budget stage reads, keyed by campaignId: subsidy changes of orders, and campaign (re)definitions. */
public sealed interface BudgetInput {

  record Change(SubsidyChange change) implements BudgetInput {
  }

  record Definition(Campaign campaign) implements BudgetInput {
  }
}
