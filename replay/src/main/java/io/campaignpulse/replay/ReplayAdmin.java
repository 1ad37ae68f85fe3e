package io.campaignpulse.replay;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What a replay asks of the cluster besides its streams application: its output topics, the offsets its group
 * starts from, how far it has got, and the clean-up of everything it made. Every name it touches starts with the
 * replay's application id followed by a separator, so it never touches another replay's or the live pipeline's.
 */
final class ReplayAdmin {

  private static final long TIMEOUT_SECONDS = 60;

  private final Admin admin;

  ReplayAdmin(Admin admin) {
    this.admin = admin;
  }

  /**
   * Creates the topics without time-based retention: their records carry event times as timestamps, and a replay of
   * 2024 would otherwise see the broker delete them as soon as its retention check runs. They live as long as the
   * replay.
   */
  void createTopics(Collection<String> names, int partitions, short replicationFactor) {
    List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, partitions, replicationFactor)
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"))).toList();
    try {
      get(admin.createTopics(topics).all());
    } catch (ReplayException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** How many partitions the topic has. */
  int partitions(String topic) {
    return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
  }

  /** Commits the replay group's start offsets before its application joins, so it starts exactly there. */
  void commitStart(String group, Map<TopicPartition, Long> start) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    start.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    get(admin.alterConsumerGroupOffsets(group, offsets).all());
  }

  /** The group's committed offsets (absent partitions have none). */
  Map<TopicPartition, Long> committed(String group) {
    Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata());
    Map<TopicPartition, Long> result = new HashMap<>();
    offsets.forEach((tp, o) -> {
      if (o != null) {
        result.put(tp, o.offset());
      }
    });
    return result;
  }

  /** The topics whose names start with {@code prefix}, sorted. */
  Set<String> topicsStartingWith(String prefix) {
    Set<String> result = new TreeSet<>();
    for (String name : get(admin.listTopics().names())) {
      if (name.startsWith(prefix)) {
        result.add(name);
      }
    }
    return result;
  }

  /** The end offsets of every partition of these topics. */
  Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    var descriptions = get(admin.describeTopics(topics).allTopicNames());
    descriptions.forEach((name, d) -> d.partitions()
        .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos = get(admin.listOffsets(request).all());
    Map<TopicPartition, Long> result = new HashMap<>();
    infos.forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }

  /** Deletes the topics; those already gone are fine. */
  void deleteTopics(Collection<String> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try {
      get(admin.deleteTopics(topics).all());
    } catch (ReplayException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw e;
      }
    }
  }

  /**
   * Deletes the consumer group; one already gone is fine. A member still in it (an application that failed does not
   * leave its group) is removed first.
   */
  void deleteGroup(String group) {
    try {
      get(admin.deleteConsumerGroups(List.of(group)).all());
    } catch (ReplayException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      if (!(e.getCause() instanceof GroupNotEmptyException)) {
        throw e;
      }
      get(admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all());
      get(admin.deleteConsumerGroups(List.of(group)).all());
    }
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted while waiting for the cluster", e);
    } catch (ExecutionException e) {
      throw new ReplayException("the cluster refused: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ReplayException("the cluster did not answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
