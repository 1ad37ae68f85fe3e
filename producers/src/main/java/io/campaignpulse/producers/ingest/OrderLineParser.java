package io.campaignpulse.producers.ingest;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.sim.SimEvent;
import java.util.Map;

/** A row of {@code orders} as a {@link TradeInOrder} keyed by orderId; an empty street is no street (null). */
final class OrderLineParser implements LineParser {

  @Override
  public SimEvent parse(Map<String, String> row) {
    TradeInOrder order = TradeInOrder.newBuilder()
        .setOrderId(Fields.text(row, "orderId"))
        .setVersion(Fields.intNumber(row, "version"))
        .setCampaignId(Fields.text(row, "campaignId"))
        .setCategory(Fields.symbol(row, "category", Category.class))
        .setStatus(Fields.symbol(row, "status", OrderStatus.class))
        .setPurchaseAmountFen(Fields.wholeNumber(row, "purchaseAmountFen"))
        .setSubsidyAmountFen(Fields.wholeNumber(row, "subsidyAmountFen"))
        .setMerchantId(Fields.text(row, "merchantId"))
        .setStreet(Fields.optionalText(row, "street"))
        .setEventTime(Fields.time(row, "eventTime"))
        .build();
    RecordChecks.require(RecordChecks.order(order));
    return SimEvent.of(SimEvent.Stream.ORDERS, order.getOrderId(), order, order.getEventTime().toEpochMilli());
  }
}
