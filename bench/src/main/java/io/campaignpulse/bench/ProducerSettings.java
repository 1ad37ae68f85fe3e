package io.campaignpulse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings both sides of a comparison run with: the project's event producers (the app's
 * {@code PulseConfig.producerProperties}: idempotent, {@code acks=all}, {@code linger.ms=10}, 64 KiB batches, lz4)
 * with the compression type as the one variable. One source for both sides, so they cannot drift apart: a map
 * for our {@code KafkaProducer}, and the same pairs as {@code --producer-props} for Kafka's tool.
 */
public record ProducerSettings(String bootstrapServers, String compression) {

  /** Compression types Kafka producers accept. */
  public static final List<String> COMPRESSION_TYPES = List.of("none", "gzip", "snappy", "lz4", "zstd");

  /** The project's own compression type. */
  public static final String PROJECT_COMPRESSION = "lz4";

  /** The settings, in a stable order; serializers are not included (each side brings its own). */
  public Map<String, String> properties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
    return props;
  }

  /** The settings with a client id, for a {@code KafkaProducer}. */
  public Map<String, Object> producerConfig(String clientId) {
    Map<String, Object> config = new LinkedHashMap<>(properties());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /** The settings as {@code key=value} arguments, for {@code ProducerPerformance --producer-props}. */
  public List<String> asArguments() {
    List<String> args = new ArrayList<>();
    properties().forEach((k, v) -> args.add(k + "=" + v));
    return args;
  }
}
