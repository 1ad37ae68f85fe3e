package io.campaignpulse.streams.scope;

import static io.campaignpulse.streams.Events.T0;
import static io.campaignpulse.streams.Events.campaign;
import static io.campaignpulse.streams.Events.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A replay's scope on the real topology: offsets, campaigns, time range, the what-if rewrite, and its counters. */
class InputScopeTopologyTest {

  private static final TopicNames NAMES = TopicNames.defaults();

  private static Map<TopicPartition, Long> ends(long campaigns, long orders) {
    return Map.of(new TopicPartition(NAMES.campaigns(), 0), campaigns, new TopicPartition(NAMES.orders(), 0), orders,
        new TopicPartition(NAMES.fairVisits(), 0), 0L, new TopicPartition(NAMES.fairSales(), 0), 0L);
  }

  @Test
  void countsOnlyTheEventsOfItsCampaignsTimesAndOffsetsRewrittenByTheWhatIfRule() {
    UnaryOperator<TradeInOrder> subsidyTwenty = o -> {
      o.setSubsidyAmountFen(o.getPurchaseAmountFen() / 5);
      return o;
    };
    InputScope scope = new InputScope(ends(2, 6), Set.of("C1"), T0.plus(Duration.ofHours(1)),
        T0.plus(Duration.ofHours(5)), subsidyTwenty, new InputScope.Counters());
    try (PipelineHarness pipeline = new PipelineHarness(AnalyticsSettings.defaults().withInMemoryStores(),
        AlertSettings.defaults(), scope)) {
      pipeline.campaign(campaign("C1", 10_000_00, 50), T0);
      pipeline.campaign(campaign("C2", 10_000_00, 50), T0); // another campaign: passed over
      pipeline.order(order("O-1", 1, "C1", OrderStatus.PAID, 5_000_00, 750_00, T0.plus(Duration.ofHours(2))));
      pipeline.order(order("O-2", 1, "C2", OrderStatus.PAID, 3_000_00, 450_00, T0.plus(Duration.ofHours(2))));
      // O-6 starts in C1 and moves to C2: it leaves C1, as it does live
      pipeline.order(order("O-6", 1, "C1", OrderStatus.PAID, 1_000_00, 150_00, T0.plus(Duration.ofHours(2))));
      pipeline.order(order("O-6", 2, "C2", OrderStatus.PAID, 1_000_00, 150_00, T0.plus(Duration.ofHours(3))));
      pipeline.order(order("O-3", 1, "C1", OrderStatus.PAID, 2_000_00, 300_00, T0)); // before the range
      pipeline.order(order("O-4", 1, "C1", OrderStatus.PAID, 6_000_00, 900_00, T0.plus(Duration.ofHours(6))));
      pipeline.order(order("O-5", 1, "C1", OrderStatus.PAID, 4_000_00, 600_00, T0.plus(Duration.ofHours(3))));

      Map<String, CampaignCounts> totals = pipeline.storeTotals();
      // O-4 is after the range; O-5 is past the end offset (6), as if it arrived after the replay started
      assertThat(totals).containsOnlyKeys("C1");
      CampaignCounts c1 = totals.get("C1");
      assertThat(c1.orders()).isEqualTo(1);
      assertThat(c1.orderConsumptionFen()).isEqualTo(5_000_00);
      assertThat(c1.subsidyFen()).as("subsidy recomputed by the what-if rule").isEqualTo(1_000_00);
      assertThat(pipeline.ledger("C1").grantedFen()).isEqualTo(1_000_00);
      assertThat(pipeline.storedAlerts("C1")).as("10% of the budget: no 50% alert")
          .noneMatch(a -> a.getKind() == io.campaignpulse.avro.AlertKind.THRESHOLD);
    }
    assertThat(scope.counters().read()).as("2 campaigns + 6 orders within the offsets").isEqualTo(8);
    assertThat(scope.counters().passedOver()).as("C2's definition, O-3 and O-4 (C2's orders pass the first stage)")
        .isEqualTo(3);
    assertThat(scope.counters().beyondEnd()).isEqualTo(1);
  }

  @Test
  void aPartitionWithoutAnEndOffsetIsNotReadAndMalformedRecordsWithinTheOffsetsAreDeadLettered() {
    InputScope scope = new InputScope(Map.of(new TopicPartition(NAMES.orders(), 0), 1L), Set.of(), null, null,
        UnaryOperator.identity(), new InputScope.Counters());
    try (PipelineHarness pipeline = new PipelineHarness(AnalyticsSettings.defaults().withInMemoryStores(),
        AlertSettings.defaults(), scope)) {
      pipeline.campaign(campaign("C1", 10_000_00, 50), T0); // campaigns partition absent from the scope
      pipeline.rawOrders.pipeInput("O-1", new byte[] {1, 2, 3}, T0);
      pipeline.order(order("O-2", 1, "C1", OrderStatus.PAID, 5_000_00, 750_00, T0));
      assertThat(pipeline.storeTotals()).isEmpty();
      assertThat(pipeline.deadLetters.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("O-1");
    }
    assertThat(scope.counters().read()).isEqualTo(1);
    assertThat(scope.counters().beyondEnd()).isEqualTo(2);
  }

  @Test
  void anEmptyRangeIsRefused() {
    Instant t = T0;
    assertThatThrownBy(() -> new InputScope(Map.of(), Set.of(), t, t, UnaryOperator.identity(),
        new InputScope.Counters())).hasMessageContaining("empty");
  }
}
