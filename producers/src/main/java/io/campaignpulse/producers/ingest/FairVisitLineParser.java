package io.campaignpulse.producers.ingest;

import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.producers.sim.SimEvent;
import java.util.Map;

/** A row of {@code fair-visits} (one gate's count for one reporting slot) as a {@link FairVisit} keyed by fairId. */
final class FairVisitLineParser implements LineParser {

  @Override
  public SimEvent parse(Map<String, String> row) {
    FairVisit visit = FairVisit.newBuilder()
        .setFairId(Fields.text(row, "fairId"))
        .setCampaignId(Fields.text(row, "campaignId"))
        .setGateId(Fields.text(row, "gateId"))
        .setVisitors(Fields.intNumber(row, "visitors"))
        .setEventTime(Fields.time(row, "eventTime"))
        .build();
    RecordChecks.require(RecordChecks.visit(visit));
    return SimEvent.of(SimEvent.Stream.FAIR_VISITS, visit.getFairId(), visit, visit.getEventTime().toEpochMilli());
  }
}
