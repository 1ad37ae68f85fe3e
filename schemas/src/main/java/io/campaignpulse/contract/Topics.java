package io.campaignpulse.contract;

import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topic registry: every topic of the pipeline with its key and value serde. Keys are UTF-8
 * strings (the entity id); values are Avro in the Confluent wire format, except dead letters and late events,
 * which keep the original bytes.
 */
public final class Topics {

  /** Makes the value serde of an Avro record type (the registry-backed wire-format serde in production). */
  @FunctionalInterface
  public interface AvroSerdeFactory {
    <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);
  }

  private final TopicNames names;
  private final Topic<String, Campaign> campaigns;
  private final Topic<String, TradeInOrder> orders;
  private final Topic<String, FairVisit> fairVisits;
  private final Topic<String, FairSale> fairSales;
  private final Topic<String, CampaignTotals> campaignTotals;
  private final Topic<String, BudgetAlert> budgetAlerts;
  private final Topic<byte[], byte[]> deadLetters;
  private final Topic<byte[], byte[]> lateEvents;

  public Topics(TopicNames names, AvroSerdeFactory avro) {
    this.names = names;
    Serde<String> key = Serdes.String();
    this.campaigns = new Topic<>(names.campaigns(), key, avro.valueSerde(Campaign.class));
    this.orders = new Topic<>(names.orders(), key, avro.valueSerde(TradeInOrder.class));
    this.fairVisits = new Topic<>(names.fairVisits(), key, avro.valueSerde(FairVisit.class));
    this.fairSales = new Topic<>(names.fairSales(), key, avro.valueSerde(FairSale.class));
    this.campaignTotals = new Topic<>(names.campaignTotals(), key, avro.valueSerde(CampaignTotals.class));
    this.budgetAlerts = new Topic<>(names.budgetAlerts(), key, avro.valueSerde(BudgetAlert.class));
    this.deadLetters = new Topic<>(names.deadLetters(), Serdes.ByteArray(), Serdes.ByteArray());
    this.lateEvents = new Topic<>(names.lateEvents(), Serdes.ByteArray(), Serdes.ByteArray());
  }

  public TopicNames names() {
    return names;
  }

  public Topic<String, Campaign> campaigns() {
    return campaigns;
  }

  public Topic<String, TradeInOrder> orders() {
    return orders;
  }

  public Topic<String, FairVisit> fairVisits() {
    return fairVisits;
  }

  public Topic<String, FairSale> fairSales() {
    return fairSales;
  }

  public Topic<String, CampaignTotals> campaignTotals() {
    return campaignTotals;
  }

  public Topic<String, BudgetAlert> budgetAlerts() {
    return budgetAlerts;
  }

  public Topic<byte[], byte[]> deadLetters() {
    return deadLetters;
  }

  /** Events that counted in the all-time aggregates but arrived too late for their hour and day: original bytes. */
  public Topic<byte[], byte[]> lateEvents() {
    return lateEvents;
  }
}
