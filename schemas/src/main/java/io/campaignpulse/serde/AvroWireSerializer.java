package io.campaignpulse.serde;

import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing Avro {@link SpecificRecord}s in the Confluent wire format
 * (see {@link WireFormat}), registering their schemas in a schema registry.
 *
 * <p>The schema is taken from each record ({@code record.getSchema()}), so one instance serves any
 * record type, e.g. a {@code KafkaProducer<String, SpecificRecord>} writing several topics. The
 * subject follows the TopicNameStrategy: {@code <topic>-value}, or {@code <topic>-key} when
 * configured as key serializer. With {@link SerdeConfig#AUTO_REGISTER_SCHEMAS} (default) the
 * schema is registered; the first time this instance registers under a subject it sets the
 * subject's compatibility to {@link SerdeConfig#SCHEMA_COMPATIBILITY} (default BACKWARD) when the
 * subject has no or a different level. Otherwise the schema is only looked up.
 *
 * <p>Schema ids are cached per (topic, schema), so after the first record of a type the hot path
 * is two map lookups and the encoding into a per-thread reusable buffer; the only allocation per
 * record is the returned array. {@code null} serializes to {@code null} (tombstone).
 *
 * <p>Errors: a registry that is unreachable or answers 5xx raises
 * {@link RegistryUnavailableException} (retriable); any other registry refusal (incompatible or
 * unregistered schema, ...) raises {@link SerializationException} with the
 * {@link SchemaRegistryException} as cause. Thread-safe once configured.
 *
 * @param <T> the record type; {@code SpecificRecord} to accept any
 */
public class AvroWireSerializer<T extends SpecificRecord> implements Serializer<T> {

  private static final int MAX_RETAINED_BUFFER = 1 << 20;
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsByTopic =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Set<String> preparedSubjects = ConcurrentHashMap.newKeySet();
  private volatile SchemaRegistryClient registry;
  private volatile boolean ownsRegistry;
  private volatile boolean isKey;
  private volatile boolean autoRegister = true;
  private volatile String compatibility = SerdeConfig.DEFAULT_COMPATIBILITY;

  /** For Kafka's reflective instantiation; {@link #configure} must follow. */
  public AvroWireSerializer() {
  }

  /**
   * A value serializer using {@code registry} (not closed by this serializer) with default
   * settings; {@link #configure} may still adjust settings and key/value role.
   */
  public AvroWireSerializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  /**
   * Reads {@link SerdeConfig} keys. Creates (and later closes) a registry client from
   * {@link SerdeConfig#SCHEMA_REGISTRY_URL} unless one was given to the constructor.
   *
   * @throws org.apache.kafka.common.config.ConfigException on a missing URL or invalid value
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey, null);
  }

  /** As {@link #configure(Map, boolean)}, with a registry shared with (and owned by) the caller. */
  void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
    this.isKey = isKey;
    this.autoRegister = SerdeConfig.autoRegister(configs);
    this.compatibility = SerdeConfig.compatibility(configs);
    if (shared != null) {
      replaceRegistry(shared, false);
    } else if (registry == null || ownsRegistry) {
      replaceRegistry(SerdeConfig.registry(configs), true);
    }
    idsByTopic.clear();
    preparedSubjects.clear();
  }

  private synchronized void replaceRegistry(SchemaRegistryClient next, boolean owned) {
    SchemaRegistryClient previous = registry;
    if (ownsRegistry && previous != null && previous != next) {
      previous.close();
    }
    registry = next;
    ownsRegistry = owned;
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    ConcurrentMap<Schema, Integer> ids = topic == null ? null : idsByTopic.get(topic);
    Integer id = ids == null ? null : ids.get(schema);
    int schemaId = id != null ? id : resolveId(topic, schema);
    DatumWriter<Object> writer = writers.get(schema);
    if (writer == null) {
      writer = writers.computeIfAbsent(schema, s -> newWriter(record, s));
    }
    return encode(schemaId, writer, record);
  }

  @Override
  public void close() {
    SchemaRegistryClient current = registry;
    if (ownsRegistry && current != null) {
      current.close();
    }
  }

  // ---- slow path: schema id ----------------------------------------------------------------

  private int resolveId(String topic, Schema schema) {
    if (topic == null) {
      throw new SerializationException("a topic is required to derive the subject <topic>-"
          + (isKey ? "key" : "value"));
    }
    SchemaRegistryClient client = registry;
    if (client == null) {
      throw new IllegalStateException("AvroWireSerializer is not configured: call configure() with "
          + SerdeConfig.SCHEMA_REGISTRY_URL + " or pass a SchemaRegistryClient");
    }
    String subject = topic + (isKey ? "-key" : "-value");
    int id;
    try {
      id = autoRegister ? registerUnder(client, subject, schema)
          : client.lookup(subject, schema).id();
    } catch (SchemaRegistryException e) {
      String what = (autoRegister ? "register" : "look up") + " schema " + schema.getFullName()
          + " under subject " + subject;
      if (e.isTransient()) {
        throw new RegistryUnavailableException("cannot " + what + ": " + e.getMessage(), e);
      }
      throw new SerializationException("cannot " + what
          + (autoRegister ? "" : " (" + SerdeConfig.AUTO_REGISTER_SCHEMAS + "=false)") + ": "
          + e.getMessage(), e);
    }
    idsByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(schema, id);
    return id;
  }

  private int registerUnder(SchemaRegistryClient client, String subject, Schema schema) {
    String level = compatibility;
    if (level == null || preparedSubjects.contains(subject)) {
      return client.register(subject, schema);
    }
    boolean subjectMissing = false;
    try {
      enforceCompatibility(client, subject, level);
    } catch (SchemaRegistryException e) {
      // Some registries (Apicurio) refuse configuring a subject that does not exist yet.
      if (e.httpStatus() != 404) {
        throw e;
      }
      subjectMissing = true;
    }
    int id = client.register(subject, schema);
    if (subjectMissing) {
      enforceCompatibility(client, subject, level);
    }
    preparedSubjects.add(subject);
    return id;
  }

  private static void enforceCompatibility(SchemaRegistryClient client, String subject,
      String level) {
    Optional<String> current = client.getCompatibility(subject);
    if (current.isEmpty() || !current.get().equalsIgnoreCase(level)) {
      client.setCompatibility(subject, level);
    }
  }

  // ---- hot path: encoding ------------------------------------------------------------------

  private static DatumWriter<Object> newWriter(SpecificRecord record, Schema schema) {
    SpecificData model = record instanceof SpecificRecordBase base
        ? base.getSpecificData() : SpecificData.getForClass(record.getClass());
    return new SpecificDatumWriter<>(schema, model);
  }

  private static byte[] encode(int schemaId, DatumWriter<Object> writer, Object record) {
    Buffer buffer = BUFFERS.get();
    try {
      buffer.startRecord(schemaId);
      writer.write(record, buffer.encoder);
      return buffer.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Avro encode failed for schema id " + schemaId + " ("
          + ((SpecificRecord) record).getSchema().getFullName() + "): " + e, e);
    } finally {
      if (buffer.capacity() > MAX_RETAINED_BUFFER) {
        BUFFERS.remove();
      }
    }
  }

  /** A growable, unsynchronized byte buffer with a direct binary encoder writing into it. */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[512];
    private int count;
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

    void startRecord(int schemaId) {
      count = WireFormat.HEADER_SIZE;
      WireFormat.writeHeader(bytes, 0, schemaId);
    }

    int capacity() {
      return bytes.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, count);
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
      }
    }
  }
}
