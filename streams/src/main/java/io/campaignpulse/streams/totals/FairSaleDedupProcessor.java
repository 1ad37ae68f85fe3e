package io.campaignpulse.streams.totals;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Counts each fair sale once: a repeated saleId changes nothing. Output is keyed by campaignId. */
public final class FairSaleDedupProcessor implements Processor<String, FairSale, String, CampaignCounts> {

  private final PipelineMetrics metrics;
  private ProcessorContext<String, CampaignCounts> context;
  private KeyValueStore<String, Long> seen;

  public FairSaleDedupProcessor(PipelineMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, CampaignCounts> context) {
    this.context = context;
    this.seen = context.getStateStore(StoreNames.FAIR_SALES_SEEN);
  }

  @Override
  public void process(Record<String, FairSale> record) {
    FairSale sale = record.value();
    long eventTime = sale.getEventTime().toEpochMilli();
    if (seen.putIfAbsent(sale.getSaleId(), eventTime) != null) {
      metrics.repeatedFairSale();
      return;
    }
    context.forward(new Record<>(sale.getCampaignId(), CampaignCounts.fairSale(sale.getAmountFen(), eventTime),
        record.timestamp(), record.headers()));
  }
}
