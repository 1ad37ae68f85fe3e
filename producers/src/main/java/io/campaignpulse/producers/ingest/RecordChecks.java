package io.campaignpulse.producers.ingest;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.Validators;

/**
 * The input contract's rules ({@link Validators}, the same the streams app enforces) applied to a parsed line, so a
 * file is checked before it is sent instead of filling {@code dead-letters}. The key rule (record key = entity id)
 * holds by construction: the ingest keys every event by its own id.
 */
final class RecordChecks {

  private RecordChecks() {
  }

  /** Why the order breaks the contract, or null. */
  static String order(TradeInOrder o) {
    return Validators.ORDER.problem(o.getOrderId(), o);
  }

  /** Why the sale breaks the contract, or null. */
  static String sale(FairSale s) {
    return Validators.FAIR_SALE.problem(s.getFairId(), s);
  }

  /** Why the gate report breaks the contract, or null. */
  static String visit(FairVisit v) {
    return Validators.FAIR_VISIT.problem(v.getFairId(), v);
  }

  /** Throws {@link RejectedLineException} with {@code problem} unless it is null. */
  static void require(String problem) {
    if (problem != null) {
      throw new RejectedLineException(problem);
    }
  }
}
