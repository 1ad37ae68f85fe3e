package io.campaignpulse.app.kafka;

import io.campaignpulse.contract.TopicNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the pipeline's topics when they are missing. {@code campaigns} and {@code campaign-totals} are compacted:
 * the latest record per key is what counts. Every other topic keeps its records until an operator deletes them
 * ({@code retention.ms=-1}): events carry their own event time as record timestamp, so historical events (a replay
 * of 2024, an ingest of last year's files) would be older than any time-based retention and deleted at once;
 * and the inputs are the history that replays read. Topics that exist are left alone.
 */
public final class TopicProvisioner {

  private TopicProvisioner() {
  }

  /**
   * Waits until every partition of the new topics has a leader the cluster metadata agrees on. Producing into a
   * topic created a moment ago can otherwise meet NOT_LEADER_OR_FOLLOWER and, on a loaded machine, leave an
   * idempotent producer retrying out-of-order sequences until its delivery timeout.
   */
  private static void awaitLeaders(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      boolean allLed;
      try {
        allLed = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
            .flatMap(d -> d.partitions().stream())
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        allLed = false; // the metadata has not caught up with the creation yet
      }
      if (allLed && leadersServe(admin, topics)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("partitions of " + topics + " still have no leader after 30 s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * True when the leader of every partition answers for it: metadata can name a leader before that broker has
   * loaded the partition, and a produce in between gets NOT_LEADER_OR_FOLLOWER.
   */
  private static boolean leadersServe(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
        d.partitions().forEach(p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    try {
      admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RetriableException) {
        return false;
      }
      throw e;
    }
  }

  public static List<String> ensureTopics(Properties adminProps, TopicNames names, int partitions, short replication) {
    List<NewTopic> wanted = new ArrayList<>();
    for (String name : names.all()) {
      NewTopic topic = new NewTopic(name, partitions, replication);
      if (name.equals(names.campaigns()) || name.equals(names.campaignTotals())) {
        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      } else {
        topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
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
      List<String> created = missing.stream().map(NewTopic::name).toList();
      awaitLeaders(admin, created);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new StartupException("cannot create topics on " + adminProps.get("bootstrap.servers") + ": "
          + KafkaErrors.describe(e), e);
    }
  }

  /**
   * Fails unless the pipeline's input topics have the same number of partitions: the campaigns topic and the
   * repartitioned events meet per campaignId in one task, and the events of the three event topics meet per
   * campaign too, so a key must land on the same partition number in all of them.
   *
   * @return their number of partitions, which the campaign stores have too
   */
  public static int requireCopartitionedInputs(Properties adminProps, TopicNames names) {
    List<String> inputs = List.of(names.campaigns(), names.orders(), names.fairVisits(), names.fairSales());
    try (Admin admin = Admin.create(adminProps)) {
      Map<String, Integer> counts = new java.util.TreeMap<>();
      admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS)
          .forEach((name, d) -> counts.put(name, d.partitions().size()));
      if (counts.values().stream().distinct().count() > 1) {
        throw new StartupException("the input topics must have the same number of partitions, since they are "
            + "joined by campaignId; they have " + counts + ": add partitions to the smaller ones (before "
            + "producing, as adding partitions moves keys) or recreate them");
      }
      return counts.values().iterator().next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics", e);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new StartupException("cannot describe the input topics on " + adminProps.get("bootstrap.servers")
          + ": " + KafkaErrors.describe(e), e);
    }
  }

  /**
   * Fails unless the orders topic keeps every record: it is the changelog of {@code orders-latest-store}, which a
   * restore rebuilds by replaying the topic from its first offset, so a record deleted by retention or compaction
   * would be an order whose later versions and corrections count as new. Topics this class created pass.
   */
  public static void requireOrdersKeptForever(Properties adminProps, TopicNames names) {
    ConfigResource orders = new ConfigResource(ConfigResource.Type.TOPIC, names.orders());
    try (Admin admin = Admin.create(adminProps)) {
      Config config = admin.describeConfigs(List.of(orders)).all().get(30, TimeUnit.SECONDS).get(orders);
      String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
      String ms = config.get(TopicConfig.RETENTION_MS_CONFIG).value();
      String bytes = config.get(TopicConfig.RETENTION_BYTES_CONFIG).value();
      if (!TopicConfig.CLEANUP_POLICY_DELETE.equals(policy) || !"-1".equals(ms) || !"-1".equals(bytes)) {
        throw new StartupException("the orders topic " + names.orders() + " must keep every record (cleanup.policy="
            + "delete, retention.ms=-1, retention.bytes=-1), since orders-latest-store is restored from it; it has "
            + "cleanup.policy=" + policy + ", retention.ms=" + ms + ", retention.bytes=" + bytes + ": kafka-configs "
            + "--alter --entity-type topics --entity-name " + names.orders() + " --add-config retention.ms=-1,"
            + "retention.bytes=-1,cleanup.policy=delete");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics", e);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new StartupException("cannot describe the orders topic on " + adminProps.get("bootstrap.servers")
          + ": " + KafkaErrors.describe(e), e);
    }
  }
}
