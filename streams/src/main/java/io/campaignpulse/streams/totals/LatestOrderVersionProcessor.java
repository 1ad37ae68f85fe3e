package io.campaignpulse.streams.totals;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each order's highest version and turns every new version into the change it makes to its campaign:
 * the new version's contribution minus the previous one's. A repeated (orderId, version) or an older version
 * arriving late changes nothing. Output is keyed by campaignId.
 */
public final class LatestOrderVersionProcessor implements Processor<String, TradeInOrder, String, CampaignCounts> {

  private final PipelineMetrics metrics;
  private ProcessorContext<String, CampaignCounts> context;
  private KeyValueStore<String, OrderState> latest;

  public LatestOrderVersionProcessor(PipelineMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, CampaignCounts> context) {
    this.context = context;
    this.latest = context.getStateStore(StoreNames.ORDERS_LATEST);
  }

  @Override
  public void process(Record<String, TradeInOrder> record) {
    TradeInOrder order = record.value();
    OrderState previous = latest.get(order.getOrderId());
    if (previous != null && order.getVersion() <= previous.version()) {
      if (order.getVersion() == previous.version()) {
        metrics.duplicateOrder();
      } else {
        metrics.staleOrder();
      }
      return;
    }
    OrderState next = OrderState.of(order);
    latest.put(order.getOrderId(), next);

    CampaignCounts added = next.contribution();
    if (previous == null) {
      forward(record, next.campaignId(), added);
    } else if (previous.campaignId().equals(next.campaignId())) {
      forward(record, next.campaignId(), added.plus(previous.contribution().negate()).at(next.eventTime()));
    } else {
      // The order moved to another campaign: take it back from the old one, add it to the new one.
      forward(record, previous.campaignId(), previous.contribution().negate().at(next.eventTime()));
      forward(record, next.campaignId(), added);
    }
  }

  private void forward(Record<String, TradeInOrder> record, String campaignId, CampaignCounts delta) {
    context.forward(new Record<>(campaignId, delta, record.timestamp(), record.headers()));
  }
}
