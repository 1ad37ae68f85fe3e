package io.campaignpulse.streams.query;

import io.campaignpulse.avro.BudgetAlert;
import java.time.Instant;
import java.util.Comparator;

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

  /** Newest first: by emit time, then event time, both descending, then by alert id. */
  public static final Comparator<AlertView> NEWEST_FIRST = Comparator
      .comparing(AlertView::emittedAt, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(AlertView::eventTime, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(AlertView::alertId);

  public static AlertView of(BudgetAlert a) {
    return new AlertView(a.getAlertId(), a.getCampaignId(), a.getKind().name(), a.getThresholdPercent(),
        a.getCrossing(), a.getTrigger().name(), a.getSubsidyFen(), a.getPendingSubsidyFen(), a.getBudgetFen(),
        a.getEventTime(), a.getOrderId(), a.getEmittedAt(), a.getProjectedExhaustion());
  }
}
