package io.campaignpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.serde.AvroWireSerde;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The API's routing rests on this: every store it queries lives in one sub-topology, whose sources include the
 * campaigns topic, so one campaign's answers all come from the one task (and instance) its campaignId's
 * partition is on, and the campaigns topic's partitions name the tasks an instance runs.
 */
class QueryStoresTopologyTest {

  @Test
  void everyQueriedStoreIsInTheSubTopologyOfTheCampaignsTopic() {
    Topics topics = new Topics(TopicNames.defaults(), new Topics.AvroSerdeFactory() {
      @Override
      public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return AvroWireSerde.forType(type, Map.of("schema.registry.url", "mock://unused"), false);
      }
    });
    TopologyDescription description = PipelineTopology.build(topics, AnalyticsSettings.defaults(),
        AlertSettings.defaults(), Clock.systemUTC(), new PipelineMetrics()).describe();

    List<String> queried = new ArrayList<>(List.of(StoreNames.CAMPAIGNS, StoreNames.BUDGET_LEDGERS,
        StoreNames.BUDGET_ALERTS));
    for (Family f : Family.values()) {
      queried.add(f.storeName());
    }
    Set<Integer> holding = new HashSet<>();
    Set<String> sources = new HashSet<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      Set<String> stores = new HashSet<>();
      Set<String> topicsIn = new HashSet<>();
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        } else if (node instanceof TopologyDescription.Source s) {
          topicsIn.addAll(s.topicSet());
        }
      }
      if (queried.stream().anyMatch(stores::contains)) {
        assertThat(stores).as("sub-topology " + sub.id()).containsAll(queried);
        holding.add(sub.id());
        sources.addAll(topicsIn);
      }
    }
    assertThat(holding).hasSize(1);
    assertThat(sources).contains(TopicNames.defaults().campaigns());
  }
}
