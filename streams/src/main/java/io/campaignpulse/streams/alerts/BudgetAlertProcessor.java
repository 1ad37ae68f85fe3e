package io.campaignpulse.streams.alerts;

import io.campaignpulse.avro.AlertTrigger;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.contract.Money;
import io.campaignpulse.streams.StoreNames;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget stage, per campaign: keeps each campaign's {@link BudgetLedger}, applies subsidy changes and campaign
 * definitions to it in the order they arrive, and forwards every alert the ledger raises to budget-alerts, also
 * keeping it in the alert store for the API, and logging a line per alert. Ledger, alert store and output are
 * written in the transaction that consumes the input, so after a crash the same alerts are decided again, under the
 * same ids, and only the committed ones were ever visible: no threshold alerts twice, none is missed. (The log line
 * is written when the alert is decided; after a crash it can appear again for an alert whose first transaction
 * was aborted.)
 */
public final class BudgetAlertProcessor implements Processor<String, BudgetInput, String, BudgetAlert> {

  private static final Logger LOG = LoggerFactory.getLogger(BudgetAlertProcessor.class);

  private final AlertSettings settings;
  private final Clock clock;
  private ProcessorContext<String, BudgetAlert> context;
  private KeyValueStore<String, BudgetLedger> ledgers;
  private KeyValueStore<String, BudgetAlert> alerts;

  public BudgetAlertProcessor(AlertSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, BudgetAlert> context) {
    this.context = context;
    this.ledgers = context.getStateStore(StoreNames.BUDGET_LEDGERS);
    this.alerts = context.getStateStore(StoreNames.BUDGET_ALERTS);
  }

  @Override
  public void process(Record<String, BudgetInput> record) {
    String campaignId = record.key();
    BudgetLedger ledger = ledgers.get(campaignId);
    if (ledger == null) {
      ledger = BudgetLedger.empty(settings);
    }
    long sequence = ledger.alerts();
    if (record.value() instanceof BudgetInput.Changes changes) {
      for (SubsidyChange change : changes.changes()) {
        List<Crossing> raised = ledger.apply(change, settings);
        sequence = raise(campaignId, ledger, raised, sequence, AlertTrigger.ORDER, change.orderId(),
            change.eventTime());
      }
    } else {
      Campaign campaign = ((BudgetInput.Definition) record.value()).campaign();
      List<Crossing> raised = ledger.define(campaign.getSubsidyBudgetFen(), campaign.getAlertThresholdsPercent(),
          campaign.getStartTime().toEpochMilli(), settings);
      raise(campaignId, ledger, raised, sequence, AlertTrigger.BUDGET_CHANGE, null, record.timestamp());
    }
    ledgers.put(campaignId, ledger);
  }

  /**
   * Stores, forwards and logs the alerts of one input as the ledger stands right after it; returns the next
   * sequence number of the campaign's alert store.
   */
  private long raise(String campaignId, BudgetLedger ledger, List<Crossing> raised, long sequence,
      AlertTrigger trigger, String orderId, long eventTime) {
    for (Crossing crossing : raised) {
      BudgetAlert alert = BudgetAlert.newBuilder()
          .setAlertId(crossing.alertId(campaignId))
          .setCampaignId(campaignId)
          .setKind(crossing.kind())
          .setThresholdPercent(crossing.thresholdPercent())
          .setCrossing(crossing.crossing())
          .setTrigger(trigger)
          .setSubsidyFen(ledger.grantedFen())
          .setPendingSubsidyFen(ledger.pendingFen())
          .setBudgetFen(ledger.budgetFen())
          .setEventTime(Instant.ofEpochMilli(eventTime))
          .setOrderId(orderId)
          .setEmittedAt(clock.instant())
          .setProjectedExhaustion(crossing.projectedExhaustion() < 0 ? null
              : Instant.ofEpochMilli(crossing.projectedExhaustion()))
          .build();
      alerts.put(alertKey(campaignId, sequence++), alert);
      context.forward(new Record<>(campaignId, alert, Math.max(0, eventTime)));
      LOG.info("budget alert {}: campaign {} granted ¥{} of ¥{} ({}% threshold, crossing {}, {} {}){}",
          alert.getAlertId(), campaignId, Money.yuan(alert.getSubsidyFen()), Money.yuan(alert.getBudgetFen()),
          alert.getThresholdPercent(), alert.getCrossing(), trigger, orderId == null ? "" : orderId,
          alert.getProjectedExhaustion() == null ? "" : ", runs out " + alert.getProjectedExhaustion());
    }
    return sequence;
  }

  /** Key of a campaign's n-th alert in the alert store: a campaign's alerts sort in the order they were raised. */
  public static String alertKey(String campaignId, long sequence) {
    return campaignPrefix(campaignId) + String.format("%019d", sequence);
  }

  /** The prefix under which a campaign's alerts are stored. */
  public static String campaignPrefix(String campaignId) {
    return campaignId + '\u001f';
  }
}
