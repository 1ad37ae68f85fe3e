package io.campaignpulse.streams.changes;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.alerts.SubsidyChange;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.store.OrdersLatestStore;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.OrderState;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each order's highest version and turns every new version into the change it makes: the new version's
 * contribution minus the previous one's, in every aggregate either of them counted in (totals, category, street,
 * merchant, and the hour and day of its event time when it was on time), and the subsidy change it makes for the
 * budget alerts. A repeated (orderId, version) or an older version arriving late changes nothing.
 */
public final class OrderChangeProcessor extends ChangeProcessor<TradeInOrder> {

  /** Street dimension of an order whose merchant street is unknown. */
  public static final String UNKNOWN_STREET = "-";

  private final String sourceTopic;
  private KeyValueStore<String, OrderState> latest;

  public OrderChangeProcessor(String sourceTopic, AnalyticsSettings settings, PipelineMetrics metrics) {
    super(StoreNames.ORDER_PENDING, settings, metrics);
    this.sourceTopic = sourceTopic;
  }

  @Override
  protected void initStores(ProcessorContext<String, ChangeOutput> context) {
    this.latest = context.getStateStore(StoreNames.ORDERS_LATEST);
    OrdersLatestStore restoredFromSource = OrdersLatestStore.find(latest);
    if (restoredFromSource != null) {
      restoredFromSource.clockFrom(this::clock); // a restore resumes from the clock of its offset
    }
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
    Cell nextCell = cell(next);
    CampaignCounts added = next.contribution();
    CampaignCounts before = previous == null ? CampaignCounts.ZERO : previous.contribution();
    if (previous == null) {
      add(nextCell, added);
    } else {
      Cell previousCell = cell(previous);
      CampaignCounts removed = before.negate().at(eventTime);
      if (previousCell.equals(nextCell)) {
        add(nextCell, added.plus(removed));
      } else {
        add(previousCell, removed);
        add(nextCell, added);
      }
    }
    forwardSubsidyChanges(order.getOrderId(), eventTime, previous == null ? null : previous.campaignId(), before,
        next.campaignId(), added);
    if (late) {
      forwardLate(record, sourceTopic);
    }
  }

  /**
   * Tells the budget stage how this version changed granted and pending subsidy: once for its campaign, or twice
   * when the order moved from one campaign to another. Nothing when neither changed.
   */
  private void forwardSubsidyChanges(String orderId, long eventTime, String previousCampaign, CampaignCounts before,
      String campaign, CampaignCounts now) {
    if (previousCampaign == null || previousCampaign.equals(campaign)) {
      subsidyChange(campaign, orderId, eventTime, now.subsidyFen() - before.subsidyFen(),
          now.pendingSubsidyFen() - before.pendingSubsidyFen());
    } else {
      subsidyChange(previousCampaign, orderId, eventTime, -before.subsidyFen(), -before.pendingSubsidyFen());
      subsidyChange(campaign, orderId, eventTime, now.subsidyFen(), now.pendingSubsidyFen());
    }
  }

  private void subsidyChange(String campaignId, String orderId, long eventTime, long grantedFen, long pendingFen) {
    SubsidyChange change = new SubsidyChange(orderId, eventTime, grantedFen, pendingFen);
    if (!change.isZero()) {
      queueSubsidy(campaignId, change);
    }
  }

  /** Where an order state counts: its campaign, category, street, merchant, and its hour when it is on time. */
  private Cell cell(OrderState s) {
    return Cell.order(s.campaignId(), s.category().name(), s.street() == null ? UNKNOWN_STREET : s.street(),
        s.merchantId(), s.windowed() ? buckets.hour(s.eventTime()) : null);
  }
}
