package io.campaignpulse.streams.changes;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.totals.CampaignCounts;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each fair sale once (a repeated saleId changes nothing) in the campaign's totals, category and merchant,
 * the fair's totals, and, when on time, the hour and day series of the campaign and of the fair.
 */
public final class FairSaleChangeProcessor extends ChangeProcessor<FairSale> {

  private final String sourceTopic;
  private KeyValueStore<String, Long> seen;

  public FairSaleChangeProcessor(String sourceTopic, AnalyticsSettings settings, PipelineMetrics metrics) {
    super(StoreNames.FAIR_SALE_PENDING, settings, metrics);
    this.sourceTopic = sourceTopic;
  }

  @Override
  protected void initStores(ProcessorContext<String, ChangeOutput> context) {
    this.seen = context.getStateStore(StoreNames.FAIR_SALES_SEEN);
  }

  @Override
  protected long eventTime(FairSale event) {
    return event.getEventTime().toEpochMilli();
  }

  @Override
  protected void process(Record<String, Decoded<FairSale>> record, FairSale sale) {
    long eventTime = sale.getEventTime().toEpochMilli();
    if (seen.putIfAbsent(sale.getSaleId(), eventTime) != null) {
      metrics.repeatedFairSale();
      return;
    }
    boolean late = isLate(eventTime);
    add(Cell.sale(sale.getCampaignId(), sale.getCategory().name(), sale.getMerchantId(), sale.getFairId(),
        hourUnlessLate(eventTime, late)), CampaignCounts.fairSale(sale.getAmountFen(), eventTime));
    if (late) {
      forwardLate(record, sourceTopic);
    }
  }
}
