package io.campaignpulse.streams.totals;

import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts gate reports. A gate reports the visitors of one time slot; a repeated report for the same
 * (fairId, gateId, eventTime) replaces the earlier one, so an identical repeat changes nothing and a
 * corrected count changes the totals by the difference. Output is keyed by campaignId.
 */
public final class FairVisitReportProcessor implements Processor<String, FairVisit, String, CampaignCounts> {

  private final PipelineMetrics metrics;
  private ProcessorContext<String, CampaignCounts> context;
  private KeyValueStore<String, Long> reports;

  public FairVisitReportProcessor(PipelineMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, CampaignCounts> context) {
    this.context = context;
    this.reports = context.getStateStore(StoreNames.FAIR_VISIT_REPORTS);
  }

  @Override
  public void process(Record<String, FairVisit> record) {
    FairVisit visit = record.value();
    long eventTime = visit.getEventTime().toEpochMilli();
    String slot = visit.getFairId() + '|' + visit.getGateId() + '|' + eventTime;
    Long previous = reports.get(slot);
    long visitors = visit.getVisitors();
    if (previous != null && previous == visitors) {
      metrics.repeatedFairVisit();
      return;
    }
    reports.put(slot, visitors);
    long delta = previous == null ? visitors : visitors - previous;
    context.forward(new Record<>(visit.getCampaignId(), CampaignCounts.visitors(delta, eventTime),
        record.timestamp(), record.headers()));
  }
}
