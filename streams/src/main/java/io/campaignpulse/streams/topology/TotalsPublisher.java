package io.campaignpulse.streams.topology;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.alerts.BudgetLedger;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns a campaign's changed totals into its published {@link CampaignTotals}, with the budget and forecast of its
 * budget ledger (read only; the budget stage writes it) as they stand when the totals change.
 */
final class TotalsPublisher implements Processor<String, CampaignCounts, String, CampaignTotals> {

  private ProcessorContext<String, CampaignTotals> context;
  private KeyValueStore<String, BudgetLedger> ledgers;

  @Override
  public void init(ProcessorContext<String, CampaignTotals> context) {
    this.context = context;
    this.ledgers = context.getStateStore(StoreNames.BUDGET_LEDGERS);
  }

  @Override
  public void process(Record<String, CampaignCounts> record) {
    context.forward(record.withValue(toAvro(record.key(), record.value(), ledgers.get(record.key()))));
  }

  /** The published form of a campaign's counts and, when the budget stage knows the campaign, its budget. */
  static CampaignTotals toAvro(String campaignId, CampaignCounts c, BudgetLedger ledger) {
    long exhaustion = ledger == null ? BudgetLedger.NO_TIME : ledger.projectedExhaustion();
    return CampaignTotals.newBuilder()
        .setCampaignId(campaignId)
        .setOrders(c.orders())
        .setPendingOrders(c.pendingOrders())
        .setConsumptionFen(c.consumptionFen())
        .setOrderConsumptionFen(c.orderConsumptionFen())
        .setFairSalesFen(c.fairSalesFen())
        .setFairSales(c.fairSales())
        .setSubsidyFen(c.subsidyFen())
        .setPendingSubsidyFen(c.pendingSubsidyFen())
        .setVisitors(c.visitors())
        .setLastEventTime(c.lastEventTime() == CampaignCounts.NO_TIME ? null : Instant.ofEpochMilli(c.lastEventTime()))
        .setSubsidyBudgetFen(ledger == null || ledger.budgetFen() < 0 ? null : ledger.budgetFen())
        .setBurnFenPerDay(ledger == null ? null : ledger.burnFenPerDay())
        .setProjectedExhaustion(exhaustion == BudgetLedger.NO_TIME ? null : Instant.ofEpochMilli(exhaustion))
        .build();
  }
}
