package io.campaignpulse.replay;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.TradeInOrder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The what-if subsidy rules of a replay, one per category at most: each order of a category with a rule gets its
 * subsidy recomputed from its purchase amount; other orders keep theirs. Every version of an order is recomputed
 * the same way, so the counting rules (an order counts with its latest status) are unchanged.
 */
public final class SubsidyRules implements UnaryOperator<TradeInOrder> {

  private final Map<Category, SubsidyOverride> rules = new EnumMap<>(Category.class);

  public SubsidyRules(List<SubsidyOverride> overrides) {
    for (SubsidyOverride o : overrides) {
      if (rules.put(o.category(), o) != null) {
        throw new IllegalArgumentException("two subsidy rules for " + o.category());
      }
    }
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The rules as written, in category order. */
  public List<String> describe() {
    return rules.values().stream().map(SubsidyOverride::toString).toList();
  }

  /** Recomputes the order's subsidy in place (the decoded order is the replay's own copy) and returns it. */
  @Override
  public TradeInOrder apply(TradeInOrder order) {
    SubsidyOverride rule = rules.get(order.getCategory());
    if (rule != null) {
      order.setSubsidyAmountFen(rule.subsidyFen(order.getPurchaseAmountFen()));
    }
    return order;
  }
}
