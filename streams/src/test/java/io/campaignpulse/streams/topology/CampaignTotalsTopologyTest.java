package io.campaignpulse.streams.topology;

import static io.campaignpulse.avro.OrderStatus.APPROVED;
import static io.campaignpulse.avro.OrderStatus.CANCELLED;
import static io.campaignpulse.avro.OrderStatus.PAID;
import static io.campaignpulse.avro.OrderStatus.REFUNDED;
import static io.campaignpulse.avro.OrderStatus.SUBMITTED;
import static io.campaignpulse.streams.Events.T0;
import static io.campaignpulse.streams.Events.order;
import static io.campaignpulse.streams.Events.sale;
import static io.campaignpulse.streams.Events.visit;
import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignTotalsTopologyTest {

  private PipelineHarness pipeline;

  @BeforeEach
  void start() {
    pipeline = new PipelineHarness();
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void shouldCountApprovedAndPaidOrdersWithTheirPurchaseAndSubsidy() {
    // Given two orders of one campaign, one approved and one paid
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, T0));
    pipeline.order(order("O-2", 1, "C-1", PAID, 300_000, 45_000, T0.plusSeconds(60)));

    // Then both count in orders, consumption and subsidy
    CampaignTotals totals = pipeline.publishedTotals().get("C-1");
    assertThat(totals.getOrders()).isEqualTo(2);
    assertThat(totals.getConsumptionFen()).isEqualTo(800_000);
    assertThat(totals.getSubsidyFen()).isEqualTo(120_000);
    assertThat(totals.getPendingSubsidyFen()).isZero();
    assertThat(totals.getLastEventTime()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void shouldCountSubmittedOrderOnlyAsPendingSubsidy() {
    // Given an order that is only submitted
    pipeline.order(order("O-1", 1, "C-1", SUBMITTED, 500_000, 75_000, T0));

    // Then its subsidy is exposure, not spending, and it pulls no consumption yet
    CampaignCounts c = pipeline.storeTotals().get("C-1");
    assertThat(c.orders()).isZero();
    assertThat(c.pendingOrders()).isEqualTo(1);
    assertThat(c.pendingSubsidyFen()).isEqualTo(75_000);
    assertThat(c.subsidyFen()).isZero();
    assertThat(c.consumptionFen()).isZero();
  }

  @Test
  void shouldMovePendingSubsidyToGrantedWhenTheOrderIsApproved() {
    // Given a submitted order
    pipeline.order(order("O-1", 1, "C-1", SUBMITTED, 500_000, 75_000, T0));
    // When its approval arrives
    pipeline.order(order("O-1", 2, "C-1", APPROVED, 500_000, 75_000, T0.plusSeconds(3600)));

    // Then the subsidy moved from pending to granted
    CampaignCounts c = pipeline.storeTotals().get("C-1");
    assertThat(c.pendingSubsidyFen()).isZero();
    assertThat(c.pendingOrders()).isZero();
    assertThat(c.subsidyFen()).isEqualTo(75_000);
    assertThat(c.orders()).isEqualTo(1);
  }

  @Test
  void shouldCountARepeatedOrderVersionOnce() {
    // Given the same (orderId, version) sent three times
    for (int i = 0; i < 3; i++) {
      pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, T0));
    }

    // Then it counts once, and the repeats are counted as duplicates
    CampaignCounts c = pipeline.storeTotals().get("C-1");
    assertThat(c.orders()).isEqualTo(1);
    assertThat(c.subsidyFen()).isEqualTo(75_000);
    assertThat(pipeline.metrics.duplicateOrders()).isEqualTo(2);
  }

  @Test
  void shouldIgnoreAnOlderVersionArrivingLate() {
    // Given version 3 (paid) arrived before versions 1 (submitted) and 2 (approved)
    pipeline.order(order("O-1", 3, "C-1", PAID, 500_000, 75_000, T0.plusSeconds(7200)));
    pipeline.order(order("O-1", 1, "C-1", SUBMITTED, 500_000, 75_000, T0));
    pipeline.order(order("O-1", 2, "C-1", APPROVED, 500_000, 75_000, T0.plusSeconds(3600)));

    // Then the order counts as paid, and the late versions changed nothing
    CampaignCounts c = pipeline.storeTotals().get("C-1");
    assertThat(c.orders()).isEqualTo(1);
    assertThat(c.pendingSubsidyFen()).isZero();
    assertThat(c.subsidyFen()).isEqualTo(75_000);
    assertThat(c.lastEventTime()).isEqualTo(T0.plusSeconds(7200).toEpochMilli());
    assertThat(pipeline.metrics.staleOrders()).isEqualTo(2);
  }

  @Test
  void shouldSubtractACancelledOrderThatHadBeenApproved() {
    // Given two approved orders
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, T0));
    pipeline.order(order("O-2", 1, "C-1", APPROVED, 200_000, 30_000, T0));
    // When one is cancelled
    pipeline.order(order("O-1", 2, "C-1", CANCELLED, 500_000, 75_000, T0.plus(Duration.ofDays(2))));

    // Then it contributes nothing any more
    CampaignTotals totals = pipeline.publishedTotals().get("C-1");
    assertThat(totals.getOrders()).isEqualTo(1);
    assertThat(totals.getConsumptionFen()).isEqualTo(200_000);
    assertThat(totals.getSubsidyFen()).isEqualTo(30_000);
  }

  @Test
  void shouldSubtractARefundedPaidOrder() {
    pipeline.order(order("O-1", 1, "C-1", PAID, 500_000, 75_000, T0));
    pipeline.order(order("O-1", 2, "C-1", REFUNDED, 500_000, 75_000, T0.plusSeconds(60)));

    CampaignCounts c = pipeline.storeTotals().get("C-1");
    assertThat(c.orders()).isZero();
    assertThat(c.consumptionFen()).isZero();
    assertThat(c.subsidyFen()).isZero();
  }

  @Test
  void shouldAddFairSalesAndVisitorsToTheCampaign() {
    // Given a trade-in order and a fair of the same campaign
    pipeline.order(order("O-1", 1, "C-1", PAID, 500_000, 75_000, T0));
    pipeline.sale(sale("S-1", "F-1", "C-1", 1_200_000, T0));
    pipeline.sale(sale("S-2", "F-1", "C-1", 800_000, T0));
    pipeline.visit(visit("F-1", "C-1", "G-1", 120, T0));
    pipeline.visit(visit("F-1", "C-1", "G-2", 80, T0));

    // Then consumption pulled = orders' purchases + fair sales; visitors are summed
    CampaignTotals totals = pipeline.publishedTotals().get("C-1");
    assertThat(totals.getConsumptionFen()).isEqualTo(2_500_000);
    assertThat(totals.getOrderConsumptionFen()).isEqualTo(500_000);
    assertThat(totals.getFairSalesFen()).isEqualTo(2_000_000);
    assertThat(totals.getFairSales()).isEqualTo(2);
    assertThat(totals.getVisitors()).isEqualTo(200);
  }

  @Test
  void shouldCountARepeatedSaleOnceAndLetAGateCorrectItsReport() {
    pipeline.sale(sale("S-1", "F-1", "C-1", 1_000, T0));
    pipeline.sale(sale("S-1", "F-1", "C-1", 1_000, T0));
    pipeline.visit(visit("F-1", "C-1", "G-1", 100, T0));
    pipeline.visit(visit("F-1", "C-1", "G-1", 100, T0));
    // the gate corrects its count for the same slot
    pipeline.visit(visit("F-1", "C-1", "G-1", 130, T0));

    CampaignCounts c = pipeline.storeTotals().get("C-1");
    assertThat(c.fairSales()).isEqualTo(1);
    assertThat(c.fairSalesFen()).isEqualTo(1_000);
    assertThat(c.visitors()).isEqualTo(130);
    assertThat(pipeline.metrics.repeatedFairSales()).isEqualTo(1);
    assertThat(pipeline.metrics.repeatedFairVisits()).isEqualTo(1);
  }

  @Test
  void shouldKeepCampaignsApart() {
    pipeline.order(order("O-1", 1, "C-1", PAID, 100, 10, T0));
    pipeline.order(order("O-2", 1, "C-2", PAID, 200, 20, T0));
    // an order moved to another campaign by a later version
    pipeline.order(order("O-1", 2, "C-2", PAID, 100, 10, T0.plusSeconds(1)));

    assertThat(pipeline.storeTotals().get("C-1").orders()).isZero();
    assertThat(pipeline.storeTotals().get("C-2").orders()).isEqualTo(2);
    assertThat(pipeline.storeTotals().get("C-2").subsidyFen()).isEqualTo(30);
  }
}
