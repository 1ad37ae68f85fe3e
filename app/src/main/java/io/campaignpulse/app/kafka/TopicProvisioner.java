package io.campaignpulse.app.kafka;

import io.campaignpulse.contract.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics when they are missing: {@code campaigns} compacted (the latest definition of
 * each campaign is what matters), event and output topics with time retention left to the broker default.
 * Topics that exist are left alone.
 */
public final class TopicProvisioner {

  private TopicProvisioner() {
  }

  public static List<String> ensureTopics(Properties adminProps, TopicNames names, int partitions, short replication) {
    List<NewTopic> wanted = new ArrayList<>();
    for (String name : names.all()) {
      NewTopic topic = new NewTopic(name, partitions, replication);
      if (name.equals(names.campaigns())) {
        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      }
      wanted.add(topic);
    }
    try (Admin admin = Admin.create(adminProps)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new StartupException("cannot create topics on " + adminProps.get("bootstrap.servers") + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
  }
}
