package io.campaignpulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.BudgetAlert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static BudgetAlert alert(String alertId, String orderId) {
    return TestAlerts.alert(alertId, "TI-AUTO-2024", 80, 8_000_000_001L, 10_000_000_000L,
        Instant.parse("2024-05-01T10:15:30.250Z"), orderId, Instant.parse("2024-05-01T10:15:31Z"));
  }

  @Test
  void everyFieldWithIntegerAmountsAndUtcTimes() throws Exception {
    JsonNode json = MAPPER.readTree(AlertJson.toBytes(alert("TI-AUTO-2024:THRESHOLD:80", "O-17")));

    assertThat(json).isEqualTo(MAPPER.readTree("""
        {"alertId": "TI-AUTO-2024:THRESHOLD:80", "campaignId": "TI-AUTO-2024", "kind": "THRESHOLD",
         "thresholdPercent": 80, "crossing": 1, "trigger": "ORDER", "subsidyFen": 8000000001,
         "pendingSubsidyFen": 0, "budgetFen": 10000000000, "eventTime": "2024-05-01T10:15:30.250Z",
         "orderId": "O-17", "emittedAt": "2024-05-01T10:15:31Z", "projectedExhaustion": null}
        """));
    assertThat(json.get("subsidyFen").isIntegralNumber()).isTrue();
    assertThat(json.get("budgetFen").isIntegralNumber()).isTrue();
    assertThat(json.get("thresholdPercent").isInt()).isTrue();
  }

  @Test
  void absentOrderIsJsonNull() {
    JsonNode json = AlertJson.toJson(alert("a-1", null));

    assertThat(json.has("orderId")).isTrue();
    assertThat(json.get("orderId").isNull()).isTrue();
  }

  @Test
  void otherKindsByNameWithTheirProjection() {
    BudgetAlert forecast = alert("a-2", null);
    forecast.setKind(AlertKind.FORECAST);
    forecast.setProjectedExhaustion(Instant.parse("2024-05-08T00:00:00Z"));

    JsonNode json = AlertJson.toJson(forecast);
    assertThat(json.get("kind").asText()).isEqualTo("FORECAST");
    assertThat(json.get("trigger").asText()).isEqualTo("BUDGET_CHANGE");
    assertThat(json.get("projectedExhaustion").asText()).isEqualTo("2024-05-08T00:00:00Z");
  }
}
