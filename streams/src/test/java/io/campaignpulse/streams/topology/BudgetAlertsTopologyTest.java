package io.campaignpulse.streams.topology;

import static io.campaignpulse.streams.Events.T0;
import static io.campaignpulse.streams.Events.campaign;
import static io.campaignpulse.streams.Events.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.AlertTrigger;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The budget alert rules through the whole topology, one test per rule. */
class BudgetAlertsTopologyTest {

  private static final String C = "TI-2024-HOME";
  private static final long BUDGET = 1_000_000_00L; // ¥1,000,000 in fen
  /** The defaults without forecast alerts, so the threshold rules are seen alone. */
  private static final AlertSettings NO_FORECAST = new AlertSettings(AlertSettings.DEFAULT_REARM_POINTS,
      AlertSettings.DEFAULT_BURN_WINDOW, Duration.ZERO);
  private PipelineHarness pipeline;

  @BeforeEach
  void start() {
    start(NO_FORECAST);
  }

  private void start(AlertSettings settings) {
    if (pipeline != null) {
      pipeline.close();
    }
    pipeline = new PipelineHarness(AnalyticsSettings.defaults(), settings);
    pipeline.campaign(campaign(C, BUDGET, 50, 80, 90, 100), T0);
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  private void approve(String orderId, long subsidyFen, Instant at) {
    send(orderId, 1, C, OrderStatus.APPROVED, subsidyFen, at);
  }

  /**
   * An order version whose purchase is ten times its subsidy, then one emit interval: the order's subsidy change
   * reaches the budget stage in its campaign's next batch.
   */
  private void send(String orderId, int version, String campaignId, OrderStatus status, long subsidyFen,
      Instant at) {
    pipeline.order(order(orderId, version, campaignId, status, subsidyFen * 10, subsidyFen, at));
    pipeline.flush();
  }

  private List<BudgetAlert> alerts() {
    return pipeline.alerts.readValuesToList();
  }

  private static String describe(BudgetAlert a) {
    return a.getKind() + " " + a.getThresholdPercent() + " #" + a.getCrossing() + " " + a.getTrigger() + " "
        + a.getOrderId() + " " + a.getSubsidyFen();
  }

  @Test
  void oneAlertWhenGrantedSubsidyReachesAThreshold() {
    approve("O-1", 40_000_000, T0.plusSeconds(60));
    assertThat(alerts()).isEmpty();
    approve("O-2", 9_999_999, T0.plusSeconds(120));
    assertThat(alerts()).as("49.9999999%% is below 50").isEmpty();
    approve("O-3", 1, T0.plusSeconds(180));
    List<BudgetAlert> raised = alerts();
    assertThat(raised).extracting(PipelineHarness_describe()).containsExactly("THRESHOLD 50 #1 ORDER O-3 50000000");
    BudgetAlert alert = raised.get(0);
    assertThat(alert.getAlertId()).isEqualTo(C + ":THRESHOLD:50:1");
    assertThat(alert.getCampaignId()).isEqualTo(C);
    assertThat(alert.getBudgetFen()).isEqualTo(BUDGET);
    assertThat(alert.getEventTime()).isEqualTo(T0.plusSeconds(180));
    assertThat(alert.getEmittedAt()).isEqualTo(PipelineHarness.ALERT_CLOCK);
    approve("O-4", 100, T0.plusSeconds(240));
    assertThat(alerts()).as("50%% alerts once").isEmpty();
    assertThat(pipeline.storedAlerts(C)).containsExactly(alert);
  }

  @Test
  void pendingSubsidyIsNotGrantedUntilApproved() {
    send("O-1", 1, C, OrderStatus.SUBMITTED, 60_000_000, T0.plusSeconds(60));
    assertThat(alerts()).isEmpty();
    send("O-1", 2, C, OrderStatus.APPROVED, 60_000_000, T0.plusSeconds(120));
    assertThat(alerts()).extracting(PipelineHarness_describe()).containsExactly("THRESHOLD 50 #1 ORDER O-1 60000000");
  }

  @Test
  void oneOrderJumpingSeveralThresholdsAlertsEachInOrder() {
    approve("O-1", 95_000_000, T0.plusSeconds(60));
    assertThat(alerts()).extracting(PipelineHarness_describe()).containsExactly(
        "THRESHOLD 50 #1 ORDER O-1 95000000",
        "THRESHOLD 80 #1 ORDER O-1 95000000",
        "THRESHOLD 90 #1 ORDER O-1 95000000");
    approve("O-2", 5_000_000, T0.plusSeconds(120));
    assertThat(alerts()).extracting(PipelineHarness_describe()).containsExactly(
        "THRESHOLD 100 #1 ORDER O-2 100000000", "EXPOSURE 100 #1 ORDER O-2 100000000");
  }

  @Test
  void aCorrectionBelowTheRearmMarginAndANewCrossingAlertAgain() {
    approve("O-1", 70_000_000, T0.plusSeconds(60));
    approve("O-2", 8_000_000, T0.plusSeconds(120));
    approve("O-3", 3_000_000, T0.plusSeconds(180));
    assertThat(alerts()).extracting(BudgetAlert::getThresholdPercent).containsExactly(50, 80);
    // 81% -> 78%: below 80 but within the 5-point margin, so crossing back is no new alert
    send("O-3", 2, C, OrderStatus.CANCELLED, 3_000_000, T0.plusSeconds(240));
    approve("O-4", 3_000_000, T0.plusSeconds(300));
    assertThat(alerts()).as("81%% -> 78%% -> 81%%: still disarmed").isEmpty();
    // 81% -> 73%: below 75, the 80% threshold re-arms; crossing it again is its second alert
    send("O-2", 2, C, OrderStatus.REFUNDED, 8_000_000, T0.plusSeconds(360));
    assertThat(alerts()).isEmpty();
    approve("O-5", 7_000_000, T0.plusSeconds(420));
    List<BudgetAlert> again = alerts();
    assertThat(again).extracting(PipelineHarness_describe()).containsExactly("THRESHOLD 80 #2 ORDER O-5 80000000");
    assertThat(again.get(0).getAlertId()).isEqualTo(C + ":THRESHOLD:80:2");
  }

  @Test
  void aBudgetCutBelowSpendingAlertsAtOnce() {
    approve("O-1", 60_000_000, T0.plusSeconds(60));
    assertThat(alerts()).extracting(BudgetAlert::getThresholdPercent).containsExactly(50);
    Instant cutAt = T0.plus(Duration.ofHours(5));
    pipeline.campaign(campaign(C, 50_000_000, 50, 80, 90, 100), cutAt);
    List<BudgetAlert> raised = alerts();
    assertThat(raised).extracting(PipelineHarness_describe()).containsExactly(
        "THRESHOLD 80 #1 BUDGET_CHANGE null 60000000",
        "THRESHOLD 90 #1 BUDGET_CHANGE null 60000000",
        "THRESHOLD 100 #1 BUDGET_CHANGE null 60000000",
        "EXPOSURE 100 #1 BUDGET_CHANGE null 60000000");
    assertThat(raised).allSatisfy(a -> {
      assertThat(a.getBudgetFen()).isEqualTo(50_000_000);
      assertThat(a.getEventTime()).isEqualTo(cutAt);
      assertThat(a.getOrderId()).isNull();
    });
  }

  @Test
  void aBudgetRaiseRearmsThresholdsNowFarAboveSpending() {
    approve("O-1", 85_000_000, T0.plusSeconds(60));
    assertThat(alerts()).extracting(BudgetAlert::getThresholdPercent).containsExactly(50, 80);
    pipeline.campaign(campaign(C, 2 * BUDGET, 50, 80, 90, 100), T0.plusSeconds(120));
    assertThat(alerts()).as("42.5%% of the raised budget alerts nothing").isEmpty();
    approve("O-2", 20_000_000, T0.plusSeconds(180));
    assertThat(alerts()).extracting(PipelineHarness_describe()).containsExactly(
        "THRESHOLD 50 #2 ORDER O-2 105000000");
  }

  @Test
  void changedThresholdsKeepTheirStateAndNewOnesStartArmed() {
    approve("O-1", 55_000_000, T0.plusSeconds(60));
    assertThat(alerts()).extracting(BudgetAlert::getThresholdPercent).containsExactly(50);
    pipeline.campaign(campaign(C, BUDGET, 25, 50, 75), T0.plusSeconds(120));
    assertThat(alerts()).as("the new 25% is already passed: it alerts at once; 50% does not repeat")
        .extracting(PipelineHarness_describe()).containsExactly("THRESHOLD 25 #1 BUDGET_CHANGE null 55000000");
  }

  @Test
  void spendingBeforeTheCampaignIsDefinedAlertsWhenItIs() {
    String other = "TI-2024-AUTO";
    send("A-1", 1, other, OrderStatus.APPROVED, 900, T0.plusSeconds(60));
    assertThat(alerts()).isEmpty();
    pipeline.campaign(campaign(other, 1_000, 50, 80, 90, 100), T0.plusSeconds(120));
    assertThat(alerts()).extracting(PipelineHarness_describe()).containsExactly(
        "THRESHOLD 50 #1 BUDGET_CHANGE null 900", "THRESHOLD 80 #1 BUDGET_CHANGE null 900",
        "THRESHOLD 90 #1 BUDGET_CHANGE null 900");
  }

  @Test
  void totalsOfACampaignTheBudgetStageDoesNotKnowHaveNoBudget() {
    String unknown = "TI-UNDEFINED";
    send("U-1", 1, unknown, OrderStatus.APPROVED, 900, T0.plusSeconds(60));
    CampaignTotals totals = pipeline.publishedTotals().get(unknown);
    assertThat(totals.getSubsidyFen()).isEqualTo(900);
    assertThat(totals.getSubsidyBudgetFen()).isNull();
    assertThat(totals.getProjectedExhaustion()).isNull();
  }

  @Test
  void aCampaignWithoutSubsidyBudgetNeverAlerts() {
    String fair = "CF-2024-AUTO-SHOW";
    pipeline.campaign(campaign(fair, 0, 50, 80, 90, 100), T0);
    send("F-1", 1, fair, OrderStatus.APPROVED, 900, T0.plusSeconds(60));
    assertThat(alerts()).isEmpty();
  }

  @Test
  void anOrderMovedToAnotherCampaignTakesItsSubsidyAlong() {
    String other = "TI-2024-AUTO";
    pipeline.campaign(campaign(other, BUDGET, 50), T0);
    approve("O-1", 60_000_000, T0.plusSeconds(60));
    assertThat(alerts()).extracting(BudgetAlert::getCampaignId).containsExactly(C);
    send("O-1", 2, other, OrderStatus.APPROVED, 60_000_000, T0.plusSeconds(120));
    assertThat(alerts()).extracting(PipelineHarness_describe()).containsExactly("THRESHOLD 50 #1 ORDER O-1 60000000");
    assertThat(pipeline.ledger(C).grantedFen()).isZero();
    assertThat(pipeline.ledger(other).grantedFen()).isEqualTo(60_000_000);
  }

  @Test
  void exposureWarnsWhenGrantedPlusPendingReachesTheBudget() {
    approve("O-1", 40_000_000, T0.plusSeconds(60));
    send("O-2", 1, C, OrderStatus.SUBMITTED, 59_999_999, T0.plusSeconds(120));
    assertThat(alerts()).isEmpty();
    send("O-3", 1, C, OrderStatus.SUBMITTED, 1, T0.plusSeconds(180));
    List<BudgetAlert> raised = alerts();
    assertThat(raised).extracting(PipelineHarness_describe()).containsExactly("EXPOSURE 100 #1 ORDER O-3 40000000");
    assertThat(raised.get(0).getPendingSubsidyFen()).isEqualTo(60_000_000);
    send("O-4", 1, C, OrderStatus.SUBMITTED, 5, T0.plusSeconds(240));
    assertThat(alerts()).as("still exposed: no repeat").isEmpty();
  }

  @Test
  void forecastAlertsWhenTheBudgetWouldRunOutWithinTheHorizon() {
    start(AlertSettings.defaults());
    // budget ¥1,000,000; the campaign started at T0; the burn window is 3 days, the horizon 7 days
    approve("O-1", 5_000_000, T0.plus(Duration.ofHours(30)));
    approve("O-2", 10_000_000, T0.plus(Duration.ofHours(40)));
    assertThat(alerts()).as("¥150,000 in 41 hours: ¥850,000 left lasts 9.7 days").isEmpty();
    Instant at = T0.plus(Duration.ofHours(50));
    approve("O-3", 20_000_000, at);
    List<BudgetAlert> raised = alerts();
    assertThat(raised).extracting(PipelineHarness_describe()).containsExactly("FORECAST 35 #1 ORDER O-3 35000000");
    // ¥350,000 in the 51 hours since the start: ¥650,000 lasts 650/350 * 51 hours, rounded up to the millisecond
    long expectedMs = new BigInteger("65000000").multiply(BigInteger.valueOf(51 * 3_600_000L))
        .add(BigInteger.valueOf(35_000_000 - 1)).divide(BigInteger.valueOf(35_000_000)).longValueExact();
    assertThat(raised.get(0).getProjectedExhaustion()).isEqualTo(at.plusMillis(expectedMs));
    assertThat(pipeline.ledger(C).burnFenPerDay()).isEqualTo(35_000_000L * 24 / 51);
    // the published totals carry the budget and the forecast
    CampaignTotals published = pipeline.publishedTotals().get(C);
    assertThat(published.getSubsidyBudgetFen()).isEqualTo(BUDGET);
    assertThat(published.getBurnFenPerDay()).isEqualTo(35_000_000L * 24 / 51);
    assertThat(published.getProjectedExhaustion()).isEqualTo(at.plusMillis(expectedMs));
    approve("O-4", 1_000_000, at.plus(Duration.ofHours(1)));
    assertThat(alerts()).as("the forecast alerts once while it stays within the horizon").isEmpty();
  }

  @Test
  void theForecastRearmsWhenSpendingSlowsDown() {
    start(AlertSettings.defaults());
    approve("O-1", 50_000_000, T0.plus(Duration.ofHours(10)));
    assertThat(alerts()).extracting(BudgetAlert::getKind).containsExactly(AlertKind.THRESHOLD, AlertKind.FORECAST);
    // nothing more for 20 days of event time: the window empties, the forecast disappears and re-arms
    send("O-2", 1, C, OrderStatus.SUBMITTED, 1, T0.plus(Duration.ofDays(20)));
    assertThat(alerts()).isEmpty();
    approve("O-3", 40_000_000, T0.plus(Duration.ofDays(20)).plusSeconds(60));
    assertThat(alerts()).extracting(PipelineHarness_describe()).containsExactly(
        "THRESHOLD 80 #1 ORDER O-3 90000000", "THRESHOLD 90 #1 ORDER O-3 90000000",
        "FORECAST 90 #2 ORDER O-3 90000000");
  }

  @Test
  void alertsAreStoredForTheApiInTheOrderRaised() {
    approve("O-1", 95_000_000, T0.plusSeconds(60));
    List<BudgetAlert> published = alerts();
    assertThat(pipeline.storedAlerts(C)).containsExactlyElementsOf(published);
    assertThat(pipeline.storedAlerts("TI-OTHER")).isEmpty();
    assertThat(published).extracting(BudgetAlert::getTrigger).containsOnly(AlertTrigger.ORDER);
  }

  private static java.util.function.Function<BudgetAlert, String> PipelineHarness_describe() {
    return BudgetAlertsTopologyTest::describe;
  }
}
