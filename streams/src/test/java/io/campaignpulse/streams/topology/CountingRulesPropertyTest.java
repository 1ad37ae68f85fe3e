package io.campaignpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.changes.AnalyticsSettings;
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
 * repeated sales, corrected gate reports and late events, run through the topology (emitting at random moments)
 * and compared with the plain-Java {@link ReferenceModel} of the counting rules: every aggregate of every family,
 * key by key and field by field, the published totals, and the late events.
 */
class CountingRulesPropertyTest {

  /** Base seed of the random sequences; set {@code -Dcounting.seed=N} to explore other ones. */
  private static final long BASE_SEED = Long.getLong("counting.seed", 20_240_501L);
  /** How many random sequences; set {@code -Dcounting.sequences=N} for a longer search. */
  private static final int SEQUENCES = Integer.getInteger("counting.sequences", 500);

  static Stream<Arguments> sequences() {
    Random seeds = new Random(BASE_SEED);
    return IntStream.range(0, SEQUENCES).mapToObj(i -> Arguments.of(seeds.nextLong(), 1 + seeds.nextInt(250)));
  }

  @ParameterizedTest(name = "seed {0}, {1} events")
  @MethodSource("sequences")
  void topologyAgreesWithTheReferenceModel(long seed, int size) {
    runAndCompare(new Random(seed), size);
  }

  @Test
  void aLongSequenceAgreesWithTheReferenceModel() {
    runAndCompare(new Random(20_241_001L), 10_000);
  }

  private static void runAndCompare(Random random, int size) {
    List<Object> events = RandomEvents.generate(random, size);
    ReferenceModel reference = new ReferenceModel();
    try (PipelineHarness pipeline = new PipelineHarness(STORES_IN_MEMORY)) {
      int nextEmit = random.nextInt(50);
      for (Object event : events) {
        if (nextEmit-- == 0) {
          pipeline.flush();
          nextEmit = random.nextInt(50);
        }
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

      Map<String, Map<String, ReferenceModel.Counts>> expectedAggregates = reference.aggregates();
      for (Family family : Family.values()) {
        Map<String, ReferenceModel.Counts> actual = new TreeMap<>();
        pipeline.store(family).forEach((key, c) -> {
          ReferenceModel.Counts counts = new ReferenceModel.Counts(c.orders(), c.pendingOrders(),
              c.orderConsumptionFen(), c.subsidyFen(), c.pendingSubsidyFen(), c.fairSales(), c.fairSalesFen(),
              c.visitors());
          if (family == Family.CAMPAIGN_TOTAL || !counts.equals(ZERO)) {
            actual.put(key.replace(AggregateKey.SEP, '/'), counts);
          }
        });
        assertThat(actual).as(family.name()).isEqualTo(expectedAggregates.get(REFERENCE_NAMES.get(family)));
      }
      assertThat(pipeline.lateEvents.getQueueSize()).isEqualTo(reference.lateEvents());
      assertThat(pipeline.metrics.lateEvents()).isEqualTo(reference.lateEvents());
    }
  }

  /** The rules do not depend on where state lives; RocksDB is exercised by the other topology tests and the ITs. */
  private static final AnalyticsSettings STORES_IN_MEMORY = AnalyticsSettings.defaults().withInMemoryStores();
  private static final ReferenceModel.Counts ZERO = new ReferenceModel.Counts(0, 0, 0, 0, 0, 0, 0, 0);
  private static final Map<Family, String> REFERENCE_NAMES = Map.of(
      Family.CAMPAIGN_TOTAL, "total", Family.CAMPAIGN_HOURLY, "hourly", Family.CAMPAIGN_DAILY, "daily",
      Family.CATEGORY, "category", Family.STREET, "street", Family.MERCHANT, "merchant",
      Family.FAIR_TOTAL, "fair", Family.FAIR_HOURLY, "fair-hourly", Family.FAIR_DAILY, "fair-daily");

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
