package io.campaignpulse.contract;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;

/**
 * The validation rules of the input contract, one place for everyone: the streams app dead-letters a record that
 * breaks one, with the reason; the file ingest rejects such a line before sending it. The key rules keep every
 * event of one entity on one partition, which the deduplication relies on.
 */
public final class Validators {

  private Validators() {
  }

  public static final RecordValidator<TradeInOrder> ORDER = (key, o) -> {
    if (blank(o.getOrderId())) {
      return "orderId is missing";
    }
    if (!o.getOrderId().equals(key)) {
      return "record key '" + key + "' is not the orderId '" + o.getOrderId() + "'";
    }
    String id = badIdentifier("campaignId", o.getCampaignId());
    if (id != null) {
      return id;
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
  };

  public static final RecordValidator<FairSale> FAIR_SALE = (key, s) -> {
    if (blank(s.getSaleId())) {
      return "saleId is missing";
    }
    if (blank(s.getFairId())) {
      return "fairId is missing";
    }
    if (!s.getFairId().equals(key)) {
      return "record key '" + key + "' is not the fairId '" + s.getFairId() + "'";
    }
    if (blank(s.getCampaignId())) {
      return "campaignId is missing";
    }
    String id = badIdentifier("campaignId", s.getCampaignId(), "fairId", s.getFairId());
    if (id != null) {
      return id;
    }
    if (s.getAmountFen() < 0) {
      return "negative amountFen " + s.getAmountFen();
    }
    return null;
  };

  public static final RecordValidator<FairVisit> FAIR_VISIT = (key, v) -> {
    if (blank(v.getFairId())) {
      return "fairId is missing";
    }
    if (!v.getFairId().equals(key)) {
      return "record key '" + key + "' is not the fairId '" + v.getFairId() + "'";
    }
    if (blank(v.getCampaignId())) {
      return "campaignId is missing";
    }
    if (blank(v.getGateId())) {
      return "gateId is missing";
    }
    String id = badIdentifier("campaignId", v.getCampaignId(), "fairId", v.getFairId());
    if (id != null) {
      return id;
    }
    if (v.getVisitors() < 0) {
      return "negative visitors " + v.getVisitors();
    }
    return null;
  };

  public static final RecordValidator<Campaign> CAMPAIGN = (key, c) -> {
    if (blank(c.getCampaignId())) {
      return "campaignId is missing";
    }
    if (!c.getCampaignId().equals(key)) {
      return "record key '" + key + "' is not the campaignId '" + c.getCampaignId() + "'";
    }
    String id = badIdentifier("campaignId", c.getCampaignId());
    if (id != null) {
      return id;
    }
    if (c.getSubsidyBudgetFen() < 0) {
      return "negative subsidyBudgetFen " + c.getSubsidyBudgetFen();
    }
    if (c.getEndTime().isBefore(c.getStartTime())) {
      return "endTime is before startTime";
    }
    for (Integer t : c.getAlertThresholdsPercent()) {
      if (t == null || t <= 0) {
        return "alert thresholds must be positive percentages";
      }
    }
    return null;
  };

  /**
   * The problem with the first identifier (name, value pairs) that contains a control character, or null.
   * Campaign and fair ids lead the keys of the aggregates, whose parts are separated by a control character.
   */
  private static String badIdentifier(String... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String value = namesAndValues[i + 1];
      if (value != null) {
        for (int c = 0; c < value.length(); c++) {
          if (Character.isISOControl(value.charAt(c))) {
            return namesAndValues[i] + " contains a control character (U+"
                + String.format("%04X", (int) value.charAt(c)) + ")";
          }
        }
      }
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
