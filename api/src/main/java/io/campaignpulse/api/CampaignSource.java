package io.campaignpulse.api;

import io.campaignpulse.streams.query.CampaignView;
import java.util.List;
import java.util.Optional;

/**
 * Where the API reads campaigns from: the live stores of the streams app. Implementations throw
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the stores are not queryable.
 */
public interface CampaignSource {

  List<CampaignView> all();

  Optional<CampaignView> get(String campaignId);
}
