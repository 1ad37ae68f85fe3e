package io.campaignpulse.streams.query;

import io.campaignpulse.avro.BudgetAlert;
import java.time.Instant;

/** A budget alert as the API lists it: the fields of {@link BudgetAlert}, money in integer fen. */
public record AlertView(
    String alertId,
    String campaignId,
    String kind,
    int thresholdPercent,
    int crossing,
    String trigger,
    long subsidyFen,
    long pendingSubsidyFen,
    long budgetFen,
    Instant eventTime,
    String orderId,
    Instant emittedAt,
    Instant projectedExhaustion) {

  public static AlertView of(BudgetAlert a) {
    return new AlertView(a.getAlertId(), a.getCampaignId(), a.getKind().name(), a.getThresholdPercent(),
        a.getCrossing(), a.getTrigger().name(), a.getSubsidyFen(), a.getPendingSubsidyFen(), a.getBudgetFen(),
        a.getEventTime(), a.getOrderId(), a.getEmittedAt(), a.getProjectedExhaustion());
  }
}
