package io.campaignpulse.streams.changes;

import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.totals.CampaignCounts;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts gate reports. A gate reports the visitors of one time slot; a repeated report for the same
 * (fairId, gateId, eventTime) replaces the earlier one, so an identical repeat changes nothing and a corrected
 * count changes every aggregate by the difference: the campaign's and the fair's totals, and the hour and day
 * series where each report counted (a report that arrived late counted in none).
 */
public final class FairVisitChangeProcessor extends ChangeProcessor<FairVisit> {

  private final String sourceTopic;
  private KeyValueStore<String, Long> reports;

  public FairVisitChangeProcessor(String sourceTopic, AnalyticsSettings settings, PipelineMetrics metrics) {
    super(StoreNames.FAIR_VISIT_PENDING, settings, metrics);
    this.sourceTopic = sourceTopic;
  }

  @Override
  protected void initStores(ProcessorContext<String, ChangeOutput> context) {
    this.reports = context.getStateStore(StoreNames.FAIR_VISIT_SLOTS);
  }

  @Override
  protected long eventTime(FairVisit event) {
    return event.getEventTime().toEpochMilli();
  }

  @Override
  protected void process(Record<String, Decoded<FairVisit>> record, FairVisit visit) {
    long eventTime = visit.getEventTime().toEpochMilli();
    String slot = visit.getFairId() + '|' + visit.getGateId() + '|' + eventTime;
    Long previous = reports.get(slot);
    long visitors = visit.getVisitors();
    if (previous != null && SlotReport.visitors(previous) == visitors) {
      metrics.repeatedFairVisit();
      return;
    }
    boolean late = isLate(eventTime);
    reports.put(slot, SlotReport.encode(visitors, !late));
    String campaignId = visit.getCampaignId();
    String fairId = visit.getFairId();
    Cell now = Cell.visit(campaignId, fairId, hourUnlessLate(eventTime, late));
    if (previous == null) {
      add(now, CampaignCounts.visitors(visitors, eventTime));
    } else {
      Cell before = Cell.visit(campaignId, fairId, SlotReport.windowed(previous) ? buckets.hour(eventTime) : null);
      CampaignCounts removed = CampaignCounts.visitors(-SlotReport.visitors(previous), eventTime);
      CampaignCounts added = CampaignCounts.visitors(visitors, eventTime);
      if (before.equals(now)) {
        add(now, added.plus(removed));
      } else {
        add(before, removed);
        add(now, added);
      }
    }
    if (late) {
      forwardLate(record, sourceTopic);
    }
  }

  /** A stored gate report: the visitors and whether they entered the series, in one long. */
  static final class SlotReport {

    private SlotReport() {
    }

    static long encode(long visitors, boolean windowed) {
      return visitors << 1 | (windowed ? 1 : 0);
    }

    static long visitors(long encoded) {
      return encoded >> 1;
    }

    static boolean windowed(long encoded) {
      return (encoded & 1) == 1;
    }
  }
}
