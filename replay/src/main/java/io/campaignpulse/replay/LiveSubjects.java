package io.campaignpulse.replay;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.serde.AvroWireSerde;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for a replay's own topics that name their registry subjects ({@code <topic>-value}) after the live topics
 * they stand for: the schemas are the same, so a replay finds them already registered, registers nothing new and
 * leaves no subjects behind in the registry when its topics are deleted. Its stores' changelog topics (named after
 * the run's application id) share one subject per store for all replays: {@code campaign-pulse-replay-<store>-...}.
 */
final class LiveSubjects {

  /** Stands for any replay's application id in the subjects of its internal topics. */
  static final String INTERNAL = "campaign-pulse-replay";

  private final Map<String, String> liveNameOf = new HashMap<>();
  private final Map<String, Object> serdeConfig;
  private final String internalPrefix;

  /**
   * Maps each of {@code own}'s names to the name in the same role of {@code live}, and the internal topics of
   * {@code applicationId} (null for none) to the shared replay subjects.
   */
  LiveSubjects(TopicNames own, TopicNames live, String applicationId, Map<String, Object> serdeConfig) {
    this.serdeConfig = serdeConfig;
    this.internalPrefix = applicationId == null ? null : applicationId + "-";
    List<String> ownNames = own.all();
    List<String> liveNames = live.all();
    for (int i = 0; i < ownNames.size(); i++) {
      liveNameOf.put(ownNames.get(i), liveNames.get(i));
    }
  }

  String subjectTopic(String topic) {
    String live = liveNameOf.get(topic);
    if (live != null) {
      return live;
    }
    if (internalPrefix != null && topic != null && topic.startsWith(internalPrefix)) {
      return INTERNAL + "-" + topic.substring(internalPrefix.length());
    }
    return topic;
  }

  /** The typed topics of the replay's names with registry-backed serdes under the live subjects. */
  Topics topics(TopicNames own) {
    return new Topics(own, new Topics.AvroSerdeFactory() {
      @Override
      public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return serde(AvroWireSerde.forType(type, serdeConfig, false));
      }
    });
  }

  /** The serializer, writing under the live subjects. */
  <T> Serializer<T> serializer(Serializer<T> inner) {
    return new Serializer<>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
      }

      @Override
      public byte[] serialize(String topic, T data) {
        return inner.serialize(subjectTopic(topic), data);
      }

      @Override
      public byte[] serialize(String topic, Headers headers, T data) {
        return inner.serialize(subjectTopic(topic), headers, data);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  private <T> Serde<T> serde(Serde<T> inner) {
    Deserializer<T> deserializer = inner.deserializer();
    return Serdes.serdeFrom(serializer(inner.serializer()), new Deserializer<T>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        deserializer.configure(configs, isKey);
      }

      @Override
      public T deserialize(String topic, byte[] data) {
        return deserializer.deserialize(subjectTopic(topic), data);
      }

      @Override
      public T deserialize(String topic, Headers headers, byte[] data) {
        return deserializer.deserialize(subjectTopic(topic), headers, data);
      }

      @Override
      public void close() {
        deserializer.close();
      }
    });
  }
}
