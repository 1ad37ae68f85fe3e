package io.campaignpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random event sequences with duplicates, out-of-order versions, cancellations, refunds, campaign moves,
 * repeated sales and corrected gate reports, run through the topology and compared, campaign by campaign and
 * field by field, with the plain-Java {@link ReferenceModel} of the counting rules.
 */
class CountingRulesPropertyTest {

  /** Base seed of the random sequences; set {@code -Dcounting.seed=N} to explore other ones. */
  private static final long BASE_SEED = Long.getLong("counting.seed", 20_240_501L);

  static Stream<Arguments> sequences() {
    Random seeds = new Random(BASE_SEED);
    return IntStream.range(0, 80).mapToObj(i -> Arguments.of(seeds.nextLong(), 1 + seeds.nextInt(250)));
  }

  @ParameterizedTest(name = "seed {0}, {1} events")
  @MethodSource("sequences")
  void topologyAgreesWithTheReferenceModel(long seed, int size) {
    runAndCompare(new Random(seed), size);
  }

  @Test
  void aLongSequenceAgreesWithTheReferenceModel() {
    runAndCompare(new Random(20_241_001L), 20_000);
  }

  private static void runAndCompare(Random random, int size) {
    List<Object> events = RandomEvents.generate(random, size);
    ReferenceModel reference = new ReferenceModel();
    try (PipelineHarness pipeline = new PipelineHarness()) {
      for (Object event : events) {
        if (event instanceof TradeInOrder o) {
          pipeline.order(o);
          reference.order(o);
        } else if (event instanceof FairSale s) {
          pipeline.sale(s);
          reference.sale(s);
        } else {
          FairVisit v = (FairVisit) event;
          pipeline.visit(v);
          reference.visit(v);
        }
      }
      Map<String, ReferenceModel.Totals> expected = reference.totals();
      Map<String, ReferenceModel.Totals> fromStore = new TreeMap<>();
      pipeline.storeTotals().forEach((id, c) -> fromStore.put(id, fromCounts(c)));
      Map<String, ReferenceModel.Totals> published = new TreeMap<>();
      pipeline.publishedTotals().forEach((id, t) -> published.put(id, fromAvro(t)));

      assertThat(fromStore).isEqualTo(expected);
      assertThat(published).isEqualTo(expected);
    }
  }

  private static ReferenceModel.Totals fromCounts(CampaignCounts c) {
    return new ReferenceModel.Totals(c.orders(), c.pendingOrders(), c.orderConsumptionFen(), c.subsidyFen(),
        c.pendingSubsidyFen(), c.fairSales(), c.fairSalesFen(), c.visitors(), c.lastEventTime());
  }

  private static ReferenceModel.Totals fromAvro(CampaignTotals t) {
    assertThat(t.getConsumptionFen()).isEqualTo(t.getOrderConsumptionFen() + t.getFairSalesFen());
    return new ReferenceModel.Totals(t.getOrders(), t.getPendingOrders(), t.getOrderConsumptionFen(),
        t.getSubsidyFen(), t.getPendingSubsidyFen(), t.getFairSales(), t.getFairSalesFen(), t.getVisitors(),
        t.getLastEventTime().toEpochMilli());
  }
}
