package io.campaignpulse.producers.ingest;

import io.campaignpulse.producers.sim.SimEvent;
import java.util.Map;

/**
 * Maps one row of one kind to the event to send: its Avro record, keyed by its entity id, timestamped with its
 * event time. The record must pass {@link RecordChecks}, the pipeline's contract.
 */
public interface LineParser {

  /**
   * The event of {@code row} (values by column name).
   *
   * @throws RejectedLineException with the reason when a value cannot be read or the record breaks the contract
   */
  SimEvent parse(Map<String, String> row);
}
