package io.campaignpulse.app.kafka;

import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.registry.SchemaRegistries;
import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryException;
import io.campaignpulse.serde.SerdeConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers the contract's value schemas under their TopicNameStrategy subjects ({@code <topic>-value}) with
 * BACKWARD compatibility, at start-up. Doing it first also checks the registry is there: an unreachable or
 * refusing registry stops the run with one line naming its URL.
 */
public final class SchemaBootstrap {

  private SchemaBootstrap() {
  }

  public static Map<String, Integer> registerAll(String registryUrl, TopicNames names) {
    Map<String, Schema> subjects = new LinkedHashMap<>();
    subjects.put(names.campaigns() + "-value", Campaign.getClassSchema());
    subjects.put(names.orders() + "-value", TradeInOrder.getClassSchema());
    subjects.put(names.fairVisits() + "-value", FairVisit.getClassSchema());
    subjects.put(names.fairSales() + "-value", FairSale.getClassSchema());
    subjects.put(names.campaignTotals() + "-value", CampaignTotals.getClassSchema());
    subjects.put(names.budgetAlerts() + "-value", BudgetAlert.getClassSchema());
    Map<String, Integer> ids = new LinkedHashMap<>();
    try (SchemaRegistryClient registry = SchemaRegistries.forUrl(registryUrl)) {
      for (Map.Entry<String, Schema> subject : subjects.entrySet()) {
        String current = registry.getCompatibility(subject.getKey()).orElse(null);
        if (!SerdeConfig.DEFAULT_COMPATIBILITY.equals(current)) {
          registry.setCompatibility(subject.getKey(), SerdeConfig.DEFAULT_COMPATIBILITY);
        }
        ids.put(subject.getKey(), registry.register(subject.getKey(), subject.getValue()));
      }
    } catch (SchemaRegistryException e) {
      throw new StartupException("schema registry " + registryUrl + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new StartupException("schema registry " + registryUrl + " failed: " + e.getMessage(), e);
    }
    return ids;
  }
}
