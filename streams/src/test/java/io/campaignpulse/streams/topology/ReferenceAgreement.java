package io.campaignpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asserts that what a pipeline under test counted equals what the {@link ReferenceModel} computed from the same
 * good events: the totals store, the published totals, every aggregate family key by key and field by field, and
 * the late events.
 */
final class ReferenceAgreement {

  private static final ReferenceModel.Counts ZERO = new ReferenceModel.Counts(0, 0, 0, 0, 0, 0, 0, 0);
  private static final Map<Family, String> REFERENCE_NAMES = Map.of(
      Family.CAMPAIGN_TOTAL, "total", Family.CAMPAIGN_HOURLY, "hourly", Family.CAMPAIGN_DAILY, "daily",
      Family.CATEGORY, "category", Family.STREET, "street", Family.MERCHANT, "merchant",
      Family.FAIR_TOTAL, "fair", Family.FAIR_HOURLY, "fair-hourly", Family.FAIR_DAILY, "fair-daily",
      Family.CAMPAIGN_HOURLY_NET, "hourly-net");

  private ReferenceAgreement() {
  }

  static void assertAgrees(PipelineHarness pipeline, ReferenceModel reference) {
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
