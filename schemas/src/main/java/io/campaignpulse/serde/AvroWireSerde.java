package io.campaignpulse.serde;

import io.campaignpulse.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka {@link Serde} for one generated Avro class in the Confluent wire format: an
 * {@link AvroWireSerializer} and an {@link AvroWireDeserializer} sharing one registry client (and
 * so one schema cache). For Kafka Streams, which does not configure serdes handed to it, use
 * {@link #forType(Class, Map, boolean)}.
 *
 * @param <T> the generated record class
 */
public class AvroWireSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroWireSerializer<T> serializer;
  private final AvroWireDeserializer<T> deserializer;
  private final SchemaRegistryClient givenRegistry;
  private SchemaRegistryClient ownedRegistry;

  /** A serde for {@code type}; {@link #configure} must follow. */
  public AvroWireSerde(Class<T> type) {
    this(type, null);
  }

  /**
   * A serde for {@code type} using {@code registry} (not closed by the serde); {@link #configure}
   * may still adjust settings and key/value role.
   */
  public AvroWireSerde(Class<T> type, SchemaRegistryClient registry) {
    this.givenRegistry = registry;
    this.serializer = registry == null ? new AvroWireSerializer<>()
        : new AvroWireSerializer<>(registry);
    this.deserializer = registry == null ? new AvroWireDeserializer<>(type)
        : new AvroWireDeserializer<>(type, registry);
  }

  /**
   * A configured serde for {@code type}.
   *
   * @param config {@link SerdeConfig} keys; {@link SerdeConfig#SCHEMA_REGISTRY_URL} is required
   * @param isKey  true for record keys (subject {@code <topic>-key})
   */
  public static <T extends SpecificRecord> AvroWireSerde<T> forType(Class<T> type,
      Map<String, ?> config, boolean isKey) {
    AvroWireSerde<T> serde = new AvroWireSerde<>(Objects.requireNonNull(type, "type"));
    serde.configure(config, isKey);
    return serde;
  }

  @Override
  public synchronized void configure(Map<String, ?> configs, boolean isKey) {
    SchemaRegistryClient shared = givenRegistry;
    if (shared == null) {
      SchemaRegistryClient previous = ownedRegistry;
      ownedRegistry = SerdeConfig.registry(configs);
      shared = ownedRegistry;
      if (previous != null) {
        previous.close();
      }
    }
    serializer.configure(configs, isKey, shared);
    deserializer.configure(configs, shared);
  }

  @Override
  public AvroWireSerializer<T> serializer() {
    return serializer;
  }

  @Override
  public AvroWireDeserializer<T> deserializer() {
    return deserializer;
  }

  /** Closes the registry client the serde created, if any. */
  @Override
  public synchronized void close() {
    serializer.close();
    deserializer.close();
    if (ownedRegistry != null) {
      ownedRegistry.close();
      ownedRegistry = null;
    }
  }
}
