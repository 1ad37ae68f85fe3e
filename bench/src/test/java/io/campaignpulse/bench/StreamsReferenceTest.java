package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.bench.StreamsReference.Figures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsReferenceTest {

  private static TradeInOrder order(String id, int version, String campaign, OrderStatus status, long purchase,
      long subsidy) {
    return TradeInOrder.newBuilder().setOrderId(id).setVersion(version).setCampaignId(campaign)
        .setCategory(Category.HOME_APPLIANCE).setStatus(status).setPurchaseAmountFen(purchase)
        .setSubsidyAmountFen(subsidy).setMerchantId("M-1").setStreet(null)
        .setEventTime(Instant.parse("2024-05-06T02:00:00Z").plusSeconds(version)).build();
  }

  @Test
  void eachOrderCountsWithItsHighestVersionInItsCampaign() {
    StreamsReference ref = new StreamsReference();
    // approved, then paid; the duplicate and the late v1 change nothing
    ref.order(order("A", 1, "C1", OrderStatus.SUBMITTED, 10_000, 1_500));
    ref.order(order("A", 2, "C1", OrderStatus.APPROVED, 10_000, 1_500));
    ref.order(order("A", 2, "C1", OrderStatus.APPROVED, 10_000, 1_500));
    ref.order(order("A", 3, "C1", OrderStatus.PAID, 10_000, 1_500));
    // pending
    ref.order(order("B", 1, "C1", OrderStatus.SUBMITTED, 20_000, 3_000));
    // v2 arrives first: v1 is stale
    ref.order(order("C", 2, "C2", OrderStatus.APPROVED, 5_000, 500));
    ref.order(order("C", 1, "C2", OrderStatus.SUBMITTED, 5_000, 500));
    // cancelled: nothing
    ref.order(order("D", 1, "C2", OrderStatus.SUBMITTED, 7_000, 700));
    ref.order(order("D", 2, "C2", OrderStatus.CANCELLED, 7_000, 700));
    // moved from C2 to C3 by an amendment, then approved
    ref.order(order("E", 1, "C2", OrderStatus.SUBMITTED, 9_000, 900));
    ref.order(order("E", 2, "C3", OrderStatus.SUBMITTED, 8_000, 800));
    ref.order(order("E", 3, "C3", OrderStatus.APPROVED, 8_000, 800));
    // refunded: nothing, in a campaign of its own
    ref.order(order("F", 1, "C4", OrderStatus.SUBMITTED, 1_000, 100));
    ref.order(order("F", 2, "C4", OrderStatus.REFUNDED, 1_000, 100));

    Map<String, Figures> totals = ref.totals();

    assertThat(ref.events()).isEqualTo(14);
    assertThat(ref.orders()).isEqualTo(6);
    assertThat(totals).containsExactly(
        Map.entry("C1", new Figures(1, 1, 10_000, 10_000, 1_500, 3_000)),
        Map.entry("C2", new Figures(1, 0, 5_000, 5_000, 500, 0)),
        Map.entry("C3", new Figures(1, 0, 8_000, 8_000, 800, 0)),
        Map.entry("C4", Figures.ZERO));
  }

  @Test
  void aMissingCampaignCountsAsZerosAndDifferencesAreNamed() {
    Map<String, Figures> expected = Map.of("C1", new Figures(1, 0, 100, 100, 10, 0), "C2", Figures.ZERO);
    assertThat(StreamsReference.agree(expected, Map.of("C1", new Figures(1, 0, 100, 100, 10, 0)))).isTrue();
    assertThat(StreamsReference.agree(expected, Map.of("C1", new Figures(1, 0, 100, 100, 10, 0),
        "C3", Figures.ZERO))).isTrue();
    Map<String, Figures> wrong = Map.of("C1", new Figures(2, 0, 100, 100, 10, 0), "C3", new Figures(0, 1, 0, 0, 0, 5));
    assertThat(StreamsReference.agree(expected, wrong)).isFalse();
    assertThat(StreamsReference.differences(expected, wrong)).hasSize(2)
        .anySatisfy(line -> assertThat(line).startsWith("C1: expected Figures[orders=1"))
        .anySatisfy(line -> assertThat(line).startsWith("C3: expected Figures[orders=0"));
  }
}
