package io.campaignpulse.streams.changes;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.OrderState;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each order's highest version and turns every new version into the change it makes: the new version's
 * contribution minus the previous one's, in every aggregate either of them counted in (totals, category, street,
 * merchant, and the hour and day of its event time when it was on time). A repeated (orderId, version) or an
 * older version arriving late changes nothing.
 */
public final class OrderChangeProcessor extends ChangeProcessor<TradeInOrder> {

  /** Street dimension of an order whose merchant street is unknown. */
  public static final String UNKNOWN_STREET = "-";

  private final String sourceTopic;
  private KeyValueStore<String, OrderState> latest;

  public OrderChangeProcessor(String sourceTopic, AnalyticsSettings settings, PipelineMetrics metrics) {
    super(StoreNames.ORDER_DELTA_BUFFER, settings, metrics);
    this.sourceTopic = sourceTopic;
  }

  @Override
  protected void initStores(ProcessorContext<String, ChangeOutput> context) {
    this.latest = context.getStateStore(StoreNames.ORDERS_LATEST);
  }

  @Override
  protected long eventTime(TradeInOrder event) {
    return event.getEventTime().toEpochMilli();
  }

  @Override
  protected void process(Record<String, Decoded<TradeInOrder>> record, TradeInOrder order) {
    OrderState previous = latest.get(order.getOrderId());
    if (previous != null && order.getVersion() <= previous.version()) {
      if (order.getVersion() == previous.version()) {
        metrics.duplicateOrder();
      } else {
        metrics.staleOrder();
      }
      return;
    }
    long eventTime = order.getEventTime().toEpochMilli();
    boolean late = isLate(eventTime);
    OrderState next = OrderState.of(order, !late);
    latest.put(order.getOrderId(), next);
    if (previous != null) {
      apply(previous, previous.contribution().negate().at(eventTime));
    }
    apply(next, next.contribution());
    if (late) {
      forwardLate(record, sourceTopic);
    }
  }

  /** Adds {@code delta} to every aggregate the order state {@code where} counts in. */
  private void apply(OrderState where, CampaignCounts delta) {
    String campaignId = where.campaignId();
    add(Family.CAMPAIGN_TOTAL, campaignId, "", delta);
    add(Family.CATEGORY, campaignId, where.category().name(), delta);
    add(Family.STREET, campaignId, where.street() == null ? UNKNOWN_STREET : where.street(), delta);
    add(Family.MERCHANT, campaignId, where.merchantId(), delta);
    if (where.windowed()) {
      addWindows(campaignId, where.eventTime(), delta);
    }
  }
}
