package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.List;

/**
 * A trade-in order as the simulator intends it: what was bought where, at what price and subsidy, and
 * every status change it will go through (version n is {@code steps.get(n - 1)}).
 */
record PlannedOrder(String orderId, String campaignId, Category category, String merchantId, String street,
                    long purchaseFen, long subsidyFen, List<OrderLifecycle.Step> steps) {

  PlannedOrder {
    steps = List.copyOf(steps);
  }

  long submittedMs() {
    return steps.get(0).timeMs();
  }

  /** Whether the order counts (APPROVED or PAID) once all its planned steps happened. */
  boolean countsAtEnd() {
    OrderStatus last = steps.get(steps.size() - 1).status();
    return last == OrderStatus.APPROVED || last == OrderStatus.PAID;
  }

  PlannedOrder withId(String id) {
    return new PlannedOrder(id, campaignId, category, merchantId, street, purchaseFen, subsidyFen, steps);
  }

  /** The Avro event of version {@code version} (from 1). */
  TradeInOrder event(int version) {
    OrderLifecycle.Step step = steps.get(version - 1);
    return TradeInOrder.newBuilder()
        .setOrderId(orderId)
        .setVersion(version)
        .setCampaignId(campaignId)
        .setCategory(category)
        .setStatus(step.status())
        .setPurchaseAmountFen(purchaseFen)
        .setSubsidyAmountFen(subsidyFen)
        .setMerchantId(merchantId)
        .setStreet(street)
        .setEventTime(Instant.ofEpochMilli(step.timeMs()))
        .build();
  }
}
