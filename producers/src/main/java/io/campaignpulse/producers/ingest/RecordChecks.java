package io.campaignpulse.producers.ingest;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;

/**
 * The input contract the streams app enforces ({@code io.campaignpulse.streams.decode.Validators}), with the same
 * rules in the same order and the same reasons, so a file is checked before it is sent instead of filling
 * {@code dead-letters}. The producers module cannot depend on the streams module, hence the copy; a test in the
 * app module holds the two to the same answers on a table of cases. The key rule (record key = entity id) holds
 * by construction here: the ingest keys every event by its own id.
 */
public final class RecordChecks {

  private RecordChecks() {
  }

  /** Why the order breaks the contract, or null. */
  public static String order(TradeInOrder o) {
    if (blank(o.getOrderId())) {
      return "orderId is missing";
    }
    if (o.getVersion() < 1) {
      return "version " + o.getVersion() + " is below 1";
    }
    if (blank(o.getCampaignId())) {
      return "campaignId is missing";
    }
    if (blank(o.getMerchantId())) {
      return "merchantId is missing";
    }
    if (o.getPurchaseAmountFen() < 0) {
      return "negative purchaseAmountFen " + o.getPurchaseAmountFen();
    }
    if (o.getSubsidyAmountFen() < 0) {
      return "negative subsidyAmountFen " + o.getSubsidyAmountFen();
    }
    if (o.getSubsidyAmountFen() > o.getPurchaseAmountFen()) {
      return "subsidyAmountFen " + o.getSubsidyAmountFen() + " is above purchaseAmountFen " + o.getPurchaseAmountFen();
    }
    return null;
  }

  /** Why the sale breaks the contract, or null. */
  public static String sale(FairSale s) {
    if (blank(s.getSaleId())) {
      return "saleId is missing";
    }
    if (blank(s.getFairId())) {
      return "fairId is missing";
    }
    if (blank(s.getCampaignId())) {
      return "campaignId is missing";
    }
    if (s.getAmountFen() < 0) {
      return "negative amountFen " + s.getAmountFen();
    }
    return null;
  }

  /** Why the gate report breaks the contract, or null. */
  public static String visit(FairVisit v) {
    if (blank(v.getFairId())) {
      return "fairId is missing";
    }
    if (blank(v.getCampaignId())) {
      return "campaignId is missing";
    }
    if (blank(v.getGateId())) {
      return "gateId is missing";
    }
    if (v.getVisitors() < 0) {
      return "negative visitors " + v.getVisitors();
    }
    return null;
  }

  /** Throws {@link RejectedLineException} with {@code problem} unless it is null. */
  static void require(String problem) {
    if (problem != null) {
      throw new RejectedLineException(problem);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
