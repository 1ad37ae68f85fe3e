package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.CampaignKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

  private static GroundTruth sample() {
    return new CampaignSimulator(Scenario.defaultScenario().scaled(0.01), 5L).drain();
  }

  @Test
  void shouldRoundTripThroughJson(@TempDir Path dir) {
    // Given a ground truth
    GroundTruth truth = sample();

    // When it is written to a file and read back
    Path file = dir.resolve("truth.json");
    truth.writeJson(file);

    // Then nothing is lost, and the JSON spells out consumption
    assertThat(GroundTruth.readJson(file)).isEqualTo(truth);
    assertThat(truth.toJson()).contains("\"consumptionFen\"", "\"CH-TI-AUTO-2024\"", "\"CF-2024-73\"");
  }

  @Test
  void shouldAddFairSalesToOrderConsumption() {
    // Given totals with orders and fair sales
    GroundTruth.Totals t = new GroundTruth.Totals("X", CampaignKind.TRADE_IN, 1, 0, 1_000, 100, 0, 250, 1, 3);

    // When / Then consumption pulled is both
    assertThat(t.consumptionFen()).isEqualTo(1_250);
  }

  @Test
  void shouldPrintAReadableTableInYuan() {
    // Given a ground truth; When printed
    String table = sample().toString();

    // Then each campaign, kind and the total is a row, money in yuan
    assertThat(table).contains("CH-TI-AUTO-2024", "CH-FM-AUTUMN-2024", "CONSUMER_FAIR", "TOTAL", "73 consumer fairs");
    assertThat(GroundTruth.yuan(123_456_789L)).isEqualTo("1,234,567.89");
    assertThat(GroundTruth.yuan(-5L)).isEqualTo("-0.05");
  }
}
