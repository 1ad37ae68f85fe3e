package io.campaignpulse.streams.aggregate;

import io.campaignpulse.streams.changes.CampaignBatch;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The per-campaign stage: adds each delta of a campaign batch to its aggregate in the family's {@link CountsStore}. Every change
 * of a campaign's totals is forwarded (keyed by campaignId) to be published on {@code campaign-totals}.
 */
public final class AggregateApplier implements Processor<String, CampaignBatch, String, CampaignCounts> {

  private final Map<Family, CountsStore> stores = new EnumMap<>(Family.class);
  private ProcessorContext<String, CampaignCounts> context;

  @Override
  public void init(ProcessorContext<String, CampaignCounts> context) {
    this.context = context;
    for (Family family : Family.values()) {
      stores.put(family, context.getStateStore(family.storeName()));
    }
  }

  @Override
  public void process(Record<String, CampaignBatch> record) {
    String campaignId = record.key();
    for (AggregateDelta delta : record.value().deltas()) {
      CampaignCounts next = stores.get(delta.family()).add(delta.key(campaignId).storeKey(), delta.counts());
      if (delta.family() == Family.CAMPAIGN_TOTAL) {
        context.forward(record.withValue(next));
      }
    }
  }
}
