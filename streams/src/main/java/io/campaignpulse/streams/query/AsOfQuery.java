package io.campaignpulse.streams.query;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.alerts.BudgetLedger;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers "campaign X as of T" from the net hourly store: one range scan of the campaign's hours up to the hour T
 * falls in, that hour itself left out (it has not ended), summed.
 */
final class AsOfQuery {

  private AsOfQuery() {
  }

  /**
   * The campaign as of {@code requested}; its budget is the ledger's when the budget stage has one, else the
   * definition's, else none.
   */
  static AsOfView answer(String campaignId, Instant requested, ZoneId zone,
      ReadOnlyKeyValueStore<String, CampaignCounts> net, Campaign campaign, BudgetLedger ledger) {
    AsOfCut cut = AsOfCut.of(requested, zone);
    String prefix = AggregateKey.campaignPrefix(campaignId);
    String end = prefix + cut.endHour();
    CampaignCounts sum = CampaignCounts.ZERO;
    try (KeyValueIterator<String, CampaignCounts> it = net.range(prefix, end)) {
      while (it.hasNext()) {
        KeyValue<String, CampaignCounts> kv = it.next();
        if (!kv.key.equals(end)) {
          sum = sum.plus(kv.value);
        }
      }
    }
    Long budgetFen = ledger != null ? Long.valueOf(ledger.budgetFen())
        : campaign != null ? Long.valueOf(campaign.getSubsidyBudgetFen()) : null;
    return AsOfView.of(campaignId, campaign, cut, sum, budgetFen);
  }
}
