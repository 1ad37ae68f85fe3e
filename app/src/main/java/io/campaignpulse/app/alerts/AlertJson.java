package io.campaignpulse.app.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignpulse.avro.BudgetAlert;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The JSON body the webhook receives for a {@link BudgetAlert}: {@code alertId, campaignId, kind,
 * thresholdPercent, crossing, trigger, subsidyFen, pendingSubsidyFen, budgetFen, eventTime, orderId, emittedAt,
 * projectedExhaustion}. Amounts are integer fen (JSON integers, never floating point), times ISO-8601 in UTC
 * ({@code 2024-05-01T10:15:30.250Z}); {@code orderId} is {@code null} when a budget change raised the alert,
 * {@code projectedExhaustion} is {@code null} except on forecasts.
 */
public final class AlertJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {
  }

  public static ObjectNode toJson(BudgetAlert alert) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("alertId", alert.getAlertId());
    json.put("campaignId", alert.getCampaignId());
    json.put("kind", alert.getKind().name());
    json.put("thresholdPercent", alert.getThresholdPercent());
    json.put("crossing", alert.getCrossing());
    json.put("trigger", alert.getTrigger().name());
    json.put("subsidyFen", alert.getSubsidyFen());
    json.put("pendingSubsidyFen", alert.getPendingSubsidyFen());
    json.put("budgetFen", alert.getBudgetFen());
    json.put("eventTime", utc(alert.getEventTime()));
    json.put("orderId", alert.getOrderId());
    json.put("emittedAt", utc(alert.getEmittedAt()));
    json.put("projectedExhaustion", alert.getProjectedExhaustion() == null ? null
        : utc(alert.getProjectedExhaustion()));
    return json;
  }

  /** The JSON as UTF-8 bytes, ready to POST. */
  public static byte[] toBytes(BudgetAlert alert) {
    try {
      return MAPPER.writeValueAsBytes(toJson(alert));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String utc(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time);
  }
}
