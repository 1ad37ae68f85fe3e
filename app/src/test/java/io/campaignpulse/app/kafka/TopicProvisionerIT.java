package io.campaignpulse.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campaignpulse.app.TestCluster;
import io.campaignpulse.contract.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {

  @Test
  void createsCompactedStateTopicsAndKeepsHistoricalEventsForever() throws Exception {
    try (TestCluster cluster = TestCluster.start()) {
      Properties admin = new Properties();
      admin.put("bootstrap.servers", cluster.bootstrapServers());
      TopicNames names = TopicNames.defaults();

      // When the topics are provisioned twice
      List<String> created = TopicProvisioner.ensureTopics(admin, names, 3, (short) 1);
      List<String> again = TopicProvisioner.ensureTopics(admin, names, 3, (short) 1);

      // Then all were created once, state topics compacted and the rest never deleted by time
      assertThat(created).containsExactlyInAnyOrderElementsOf(names.all());
      assertThat(again).isEmpty();
      try (Admin client = Admin.create(admin)) {
        for (String topic : names.all()) {
          ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
          Map<ConfigResource, Config> configs = client.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS);
          Config config = configs.get(resource);
          boolean state = topic.equals(names.campaigns()) || topic.equals(names.campaignTotals());
          assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic)
              .isEqualTo(state ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
          if (!state) {
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(topic).isEqualTo("-1");
          }
        }
      }
    }
  }

  @Test
  void inputTopicsWithDifferentPartitionCountsAreRefusedWithTheirCounts() throws Exception {
    try (TestCluster cluster = TestCluster.start()) {
      Properties admin = new Properties();
      admin.put("bootstrap.servers", cluster.bootstrapServers());
      TopicNames names = TopicNames.defaults();
      try (Admin client = Admin.create(admin)) {
        client.createTopics(List.of(new NewTopic(names.campaigns(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      TopicProvisioner.ensureTopics(admin, names, 3, (short) 1);

      assertThatThrownBy(() -> TopicProvisioner.requireCopartitionedInputs(admin, names))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining(names.campaigns() + "=1").hasMessageContaining(names.orders() + "=3");
    }
  }

  @Test
  void inputTopicsWithTheSamePartitionCountPass() throws Exception {
    try (TestCluster cluster = TestCluster.start()) {
      Properties admin = new Properties();
      admin.put("bootstrap.servers", cluster.bootstrapServers());
      TopicProvisioner.ensureTopics(admin, TopicNames.defaults(), 2, (short) 1);
      assertThatCode(() -> TopicProvisioner.requireCopartitionedInputs(admin, TopicNames.defaults()))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void anOrdersTopicThatDeletesOrCompactsRecordsIsRefused() throws Exception {
    try (TestCluster cluster = TestCluster.start()) {
      Properties admin = new Properties();
      admin.put("bootstrap.servers", cluster.bootstrapServers());
      TopicNames provisioned = TopicNames.defaults();
      TopicProvisioner.ensureTopics(admin, provisioned, 2, (short) 1);
      assertThatCode(() -> TopicProvisioner.requireOrdersKeptForever(admin, provisioned)).doesNotThrowAnyException();

      // created by hand: the broker's default retention of a week; or compacted
      TopicNames week = withOrders(provisioned, "orders-kept-a-week");
      TopicNames compacted = withOrders(provisioned, "orders-compacted");
      try (Admin client = Admin.create(admin)) {
        client.createTopics(List.of(new NewTopic(week.orders(), 2, (short) 1),
            new NewTopic(compacted.orders(), 2, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
            .all().get(30, TimeUnit.SECONDS);
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThatThrownBy(() -> TopicProvisioner.requireOrdersKeptForever(admin, week))
              .isInstanceOf(StartupException.class)
              .hasMessageContaining("must keep every record").hasMessageContaining("retention.ms=604800000"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThatThrownBy(() -> TopicProvisioner.requireOrdersKeptForever(admin, compacted))
              .isInstanceOf(StartupException.class).hasMessageContaining("cleanup.policy=compact"));
    }
  }

  private static TopicNames withOrders(TopicNames names, String orders) {
    return new TopicNames(names.campaigns(), orders, names.fairVisits(), names.fairSales(), names.campaignTotals(),
        names.budgetAlerts(), names.deadLetters(), names.lateEvents());
  }
}
