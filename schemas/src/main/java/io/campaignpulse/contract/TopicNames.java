package io.campaignpulse.contract;

import java.util.List;
import java.util.Objects;

/**
 * The names of the pipeline's topics. Defaults are the documented contract; every name can be
 * overridden (see the README's configuration table), so two pipelines can share a cluster.
 */
public record TopicNames(
    String campaigns,
    String orders,
    String fairVisits,
    String fairSales,
    String campaignTotals,
    String budgetAlerts,
    String deadLetters,
    String lateEvents) {

  public static final String DEFAULT_CAMPAIGNS = "campaigns";
  public static final String DEFAULT_ORDERS = "tradein-orders";
  public static final String DEFAULT_FAIR_VISITS = "fair-visits";
  public static final String DEFAULT_FAIR_SALES = "fair-sales";
  public static final String DEFAULT_CAMPAIGN_TOTALS = "campaign-totals";
  public static final String DEFAULT_BUDGET_ALERTS = "budget-alerts";
  public static final String DEFAULT_DEAD_LETTERS = "dead-letters";
  public static final String DEFAULT_LATE_EVENTS = "late-events";

  public TopicNames {
    for (String name : List.of(campaigns, orders, fairVisits, fairSales, campaignTotals, budgetAlerts, deadLetters,
        lateEvents)) {
      Objects.requireNonNull(name, "topic name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("topic names must not be blank");
      }
    }
  }

  public static TopicNames defaults() {
    return new TopicNames(DEFAULT_CAMPAIGNS, DEFAULT_ORDERS, DEFAULT_FAIR_VISITS, DEFAULT_FAIR_SALES,
        DEFAULT_CAMPAIGN_TOTALS, DEFAULT_BUDGET_ALERTS, DEFAULT_DEAD_LETTERS, DEFAULT_LATE_EVENTS);
  }

  /** The topics external producers write into. */
  public List<String> inputs() {
    return List.of(campaigns, orders, fairVisits, fairSales);
  }

  public List<String> all() {
    return List.of(campaigns, orders, fairVisits, fairSales, campaignTotals, budgetAlerts, deadLetters, lateEvents);
  }
}
