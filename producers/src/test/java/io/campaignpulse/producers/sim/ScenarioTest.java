package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignpulse.avro.CampaignKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode defaultJson() throws Exception {
    try (InputStream in = Scenario.class.getResourceAsStream(Scenario.DEFAULT_RESOURCE)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  private static Scenario parse(ObjectNode json) throws Exception {
    return Scenario.parse(new ByteArrayInputStream(JSON.writeValueAsBytes(json)), "test.json");
  }

  @Test
  void shouldLoadTheCalibratedChuanhuiScenario() {
    // Given the shipped scenario; When it is loaded
    Scenario s = Scenario.defaultScenario();

    // Then it holds the district's campaigns: five trade-in programmes, four promotion series with
    // 73 events, and the four seasonal festival markets
    assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(s.year()).isEqualTo(2024);
    assertThat(s.campaigns()).filteredOn(c -> c.kind() == CampaignKind.TRADE_IN).hasSize(5);
    assertThat(s.campaigns()).filteredOn(c -> c.kind() == CampaignKind.CONSUMER_FAIR).hasSize(4);
    assertThat(s.campaigns()).filteredOn(c -> c.kind() == CampaignKind.FESTIVAL_MARKET)
        .extracting(Scenario.CampaignSpec::name)
        .containsExactly("三川十馆·春会", "三川十馆·夏集", "三川十馆·秋赏", "三川十馆·冬市");
    assertThat(s.fairs()).filteredOn(f -> f.campaignId().startsWith("CH-CF-")).hasSize(73);
    assertThat(s.streets()).contains("陈州回族街道", "七一路街道", "荷花路街道", "李埠口乡");
    assertThat(s.tradeIn().countedOrdersTarget()).isEqualTo(35_800);
    assertThat(s.faults()).isEqualTo(Faults.NONE);
  }

  @Test
  void shouldLoadTheSameScenarioFromAFile(@TempDir Path dir) throws Exception {
    // Given the shipped scenario copied to a file
    Path file = dir.resolve("chuanhui.json");
    Files.write(file, JSON.writeValueAsBytes(defaultJson()));

    // When it is loaded from there
    Scenario loaded = Scenario.load(file);

    // Then it equals the classpath one
    assertThat(loaded).isEqualTo(Scenario.defaultScenario());
  }

  @Test
  void shouldReportEveryBrokenReferenceInOneMessage() throws Exception {
    // Given a scenario whose first fair names an unknown campaign and second an unknown type
    ObjectNode json = defaultJson();
    ArrayNode fairs = (ArrayNode) json.get("fairs");
    ((ObjectNode) fairs.get(0)).put("campaignId", "CH-NOPE");
    ((ObjectNode) fairs.get(1)).put("type", "circus");

    // When it is parsed
    // Then both problems are named
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("CH-NOPE")
        .hasMessageContaining("unknown type circus");
  }

  @Test
  void shouldRejectOrderSharesThatDoNotAddUpToOne() throws Exception {
    // Given a trade-in campaign whose share was doubled
    ObjectNode json = defaultJson();
    ObjectNode tradeIn = (ObjectNode) json.get("campaigns").get(0).get("tradeIn");
    tradeIn.put("orderShare", tradeIn.get("orderShare").asDouble() * 2);

    // When it is parsed / Then it is refused
    assertThatThrownBy(() -> parse(json)).hasMessageContaining("orderShare values add up to");
  }

  @Test
  void shouldRejectAMisspelledField() throws Exception {
    // Given a scenario with a typo in a field name
    ObjectNode json = defaultJson();
    json.put("timezone", "Asia/Shanghai");

    // When it is parsed / Then the unknown field is named
    assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timezone");
  }

  @Test
  void shouldReadFaultsFromTheScenarioFile() throws Exception {
    // Given a scenario asking for duplicates and late events
    ObjectNode json = defaultJson();
    json.putObject("faults").put("duplicateRate", 0.01).put("lateRate", 0.002);

    // When it is parsed
    Scenario s = parse(json);

    // Then the faults are set and the unset maximum lateness defaults to 72 hours
    assertThat(s.faults()).isEqualTo(new Faults(0.01, 0, 0.002, 0, 72));
  }

  @Test
  void shouldScaleVolumesButKeepCampaignsAndFairs() {
    // Given the default scenario at 1%
    Scenario onePercent = Scenario.defaultScenario().scaled(0.01);

    // When it is simulated
    CampaignSimulator sim = new CampaignSimulator(onePercent, 1L);
    GroundTruth truth = sim.drain();

    // Then budgets and order counts shrink a hundredfold, while every campaign and fair remains
    assertThat(sim.campaigns()).hasSize(13);
    assertThat(sim.campaigns().get(0).getSubsidyBudgetFen()).isEqualTo(72_000_000L);
    assertThat(truth.kind(CampaignKind.TRADE_IN).orders()).isEqualTo(358);
    assertThat(truth.fairCount(CampaignKind.CONSUMER_FAIR)).isEqualTo(73);
    assertThat(onePercent.scaledFen(1)).isEqualTo(1);
  }
}
