package io.campaignpulse.app.alerts;

import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.AlertTrigger;
import io.campaignpulse.avro.BudgetAlert;
import java.time.Instant;

/**
 * Budget alerts for tests, built field by field rather than with {@code BudgetAlert.newBuilder()}: the builder
 * resolves enum defaults through Avro's class-name lookup, which Avro 1.12 refuses for untrusted packages.
 */
final class TestAlerts {

  private TestAlerts() {
  }

  static BudgetAlert alert(String alertId, String campaignId, int percent, long subsidyFen, long budgetFen,
      Instant eventTime, String orderId, Instant emittedAt) {
    BudgetAlert alert = new BudgetAlert();
    alert.setAlertId(alertId);
    alert.setCampaignId(campaignId);
    alert.setKind(AlertKind.THRESHOLD);
    alert.setThresholdPercent(percent);
    alert.setCrossing(1);
    alert.setTrigger(orderId == null ? AlertTrigger.BUDGET_CHANGE : AlertTrigger.ORDER);
    alert.setSubsidyFen(subsidyFen);
    alert.setPendingSubsidyFen(0L);
    alert.setBudgetFen(budgetFen);
    alert.setEventTime(eventTime);
    alert.setOrderId(orderId);
    alert.setEmittedAt(emittedAt);
    alert.setProjectedExhaustion(null);
    return alert;
  }
}
