package io.campaignpulse.streams.query;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of the campaign stores of this instance. Throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the stores are not queryable
 * (starting, rebalancing), which the API turns into 503.
 */
public final class CampaignQueries {

  private final KafkaStreams streams;

  public CampaignQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Every campaign that is defined or has counted events, ordered by id. */
  public List<CampaignView> all() {
    ReadOnlyKeyValueStore<String, CampaignCounts> totals = totals();
    ReadOnlyKeyValueStore<String, Campaign> campaigns = campaigns();
    TreeMap<String, CampaignView> views = new TreeMap<>();
    try (KeyValueIterator<String, CampaignCounts> it = totals.all()) {
      while (it.hasNext()) {
        KeyValue<String, CampaignCounts> kv = it.next();
        views.put(kv.key, CampaignView.of(kv.key, campaigns.get(kv.key), kv.value));
      }
    }
    try (KeyValueIterator<String, Campaign> it = campaigns.all()) {
      while (it.hasNext()) {
        KeyValue<String, Campaign> kv = it.next();
        views.computeIfAbsent(kv.key, id -> CampaignView.of(id, kv.value, null));
      }
    }
    return new ArrayList<>(views.values());
  }

  /** One campaign, if it is defined or has counted events. */
  public Optional<CampaignView> get(String campaignId) {
    CampaignCounts counts = totals().get(campaignId);
    Campaign campaign = campaigns().get(campaignId);
    if (counts == null && campaign == null) {
      return Optional.empty();
    }
    return Optional.of(CampaignView.of(campaignId, campaign, counts));
  }

  private ReadOnlyKeyValueStore<String, CampaignCounts> totals() {
    return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.CAMPAIGN_TOTALS,
        QueryableStoreTypes.keyValueStore()));
  }

  private ReadOnlyKeyValueStore<String, Campaign> campaigns() {
    return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.CAMPAIGNS,
        QueryableStoreTypes.keyValueStore()));
  }
}
