package io.campaignpulse.producers.ingest;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.producers.sim.SimEvent;
import java.util.Map;

/** A row of {@code fair-sales} as a {@link FairSale} keyed by fairId. */
final class FairSaleLineParser implements LineParser {

  @Override
  public SimEvent parse(Map<String, String> row) {
    FairSale sale = FairSale.newBuilder()
        .setSaleId(Fields.text(row, "saleId"))
        .setFairId(Fields.text(row, "fairId"))
        .setCampaignId(Fields.text(row, "campaignId"))
        .setMerchantId(Fields.text(row, "merchantId"))
        .setCategory(Fields.symbol(row, "category", Category.class))
        .setAmountFen(Fields.wholeNumber(row, "amountFen"))
        .setEventTime(Fields.time(row, "eventTime"))
        .build();
    RecordChecks.require(RecordChecks.sale(sale));
    return SimEvent.of(SimEvent.Stream.FAIR_SALES, sale.getFairId(), sale, sale.getEventTime().toEpochMilli());
  }
}
