package io.campaignpulse.serde;

import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} reading Confluent wire format payloads (see {@link WireFormat}) into
 * a generated Avro class.
 *
 * <p>The reader schema is the target class's {@code SCHEMA$}; the writer schema is fetched from
 * the registry by the id in the payload header (cached by the registry client) and Avro's fast reader (a
 * reading plan from writer to reader schema) is cached per writer id, so data written with older
 * or newer compatible schemas is resolved into the current class (schema evolution). A
 * {@code null} payload (tombstone) deserializes to {@code null}. The classes named in the target's
 * schema are trusted for Avro 1.12's class-loading check without JVM-wide settings (see
 * the package-private {@code ReaderModel}).
 *
 * <p>Bad data raises a {@link org.apache.kafka.common.errors.SerializationException} subclass:
 * <ul>
 *   <li>{@link WireFormatException}: empty or shorter than 5 bytes, or first byte not 0x00;
 *   <li>{@link UnknownSchemaIdException}: the registry does not know the id (error code 40403);
 *   <li>{@link AvroDecodeException}: the Avro body cannot be decoded (truncated, corrupt, or a
 *       writer schema the target class cannot read).
 * </ul>
 * A registry that is unreachable or answers 5xx is not bad data: it raises
 * {@link RegistryUnavailableException} (a Kafka {@code RetriableException}). Other registry
 * refusals (authentication, wrong URL, ...) propagate as
 * {@link io.campaignpulse.registry.SchemaRegistryException}. Thread-safe once configured.
 *
 * @param <T> the generated record class
 */
public class AvroWireDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

  private final Class<T> type;
  private final SpecificData model;
  private final Schema readerSchema;
  private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
  /** The reader used last: consecutive records of one writer schema skip the map (and boxing). */
  private volatile LastReader<T> last;
  private volatile SchemaRegistryClient registry;
  private volatile boolean ownsRegistry;

  /**
   * A deserializer into {@code type} (a class generated from an Avro schema); {@link #configure}
   * must follow to connect it to a registry.
   *
   * @throws IllegalArgumentException when {@code type} has no Avro schema
   */
  public AvroWireDeserializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    SpecificData typeModel = SpecificData.getForClass(type);
    try {
      this.readerSchema = typeModel.getSchema(type);
    } catch (AvroRuntimeException e) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro class", e);
    }
    if (readerSchema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
    }
    this.model = ReaderModel.of(type, typeModel, readerSchema);
  }

  /** A deserializer into {@code type} using {@code registry} (not closed by it). */
  public AvroWireDeserializer(Class<T> type, SchemaRegistryClient registry) {
    this(type);
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The target class. */
  public Class<T> type() {
    return type;
  }

  /**
   * Creates (and later closes) a registry client from {@link SerdeConfig#SCHEMA_REGISTRY_URL},
   * unless one was given to the constructor.
   *
   * @throws org.apache.kafka.common.config.ConfigException on a missing or invalid URL
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(configs, null);
  }

  /** As {@link #configure(Map, boolean)}, with a registry shared with (and owned by) the caller. */
  synchronized void configure(Map<String, ?> configs, SchemaRegistryClient shared) {
    SchemaRegistryClient next;
    boolean owned;
    if (shared != null) {
      next = shared;
      owned = false;
    } else if (registry == null || ownsRegistry) {
      next = SerdeConfig.registry(configs);
      owned = true;
    } else {
      return; // keep the client given to the constructor
    }
    if (ownsRegistry && registry != null && registry != next) {
      registry.close();
    }
    registry = next;
    ownsRegistry = owned;
    readers.clear();
    last = null;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int schemaId = WireFormat.readSchemaId(data);
    return decode(schemaId, data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE);
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    return deserialize(topic, data);
  }

  /** Decodes the buffer's remaining bytes without copying them when it is array-backed. */
  @Override
  public T deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    if (!data.hasArray()) {
      byte[] copy = new byte[data.remaining()];
      data.duplicate().get(copy);
      return deserialize(topic, copy);
    }
    int schemaId = WireFormat.readSchemaId(data);
    int start = data.arrayOffset() + data.position() + WireFormat.HEADER_SIZE;
    return decode(schemaId, data.array(), start, data.remaining() - WireFormat.HEADER_SIZE);
  }

  @Override
  public void close() {
    SchemaRegistryClient current = registry;
    if (ownsRegistry && current != null) {
      current.close();
    }
  }

  private T decode(int schemaId, byte[] bytes, int offset, int length) {
    DatumReader<T> reader = readerFor(schemaId);
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(bytes, offset, length, DECODERS.get());
    DECODERS.set(decoder);
    try {
      return reader.read(null, decoder);
    } catch (EOFException e) {
      throw new AvroDecodeException(schemaId,
          "unexpected end of data (" + length + " body bytes)", e);
    } catch (Exception e) {
      throw new AvroDecodeException(schemaId, String.valueOf(e), e);
    }
  }

  private DatumReader<T> readerFor(int schemaId) {
    LastReader<T> recent = last;
    if (recent != null && recent.schemaId() == schemaId) {
      return recent.reader();
    }
    DatumReader<T> reader = readers.get(schemaId);
    if (reader == null) {
      reader = createReader(schemaId);
    }
    last = new LastReader<>(schemaId, reader);
    return reader;
  }

  private DatumReader<T> createReader(int schemaId) {
    SchemaRegistryClient client = registry;
    if (client == null) {
      throw new IllegalStateException("AvroWireDeserializer is not configured: call configure()"
          + " with " + SerdeConfig.SCHEMA_REGISTRY_URL + " or pass a SchemaRegistryClient");
    }
    Schema writerSchema;
    try {
      writerSchema = client.getById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
        throw new UnknownSchemaIdException(schemaId, e);
      }
      if (e.isTransient()) {
        throw new RegistryUnavailableException(
            "cannot resolve schema id " + schemaId + ": " + e.getMessage(), e);
      }
      throw e;
    }
    DatumReader<T> created = fastReader(schemaId, writerSchema);
    DatumReader<T> previous = readers.putIfAbsent(schemaId, created);
    return previous != null ? previous : created;
  }

  /**
   * Avro's fast reader (a reading plan resolved once per writer schema), which Avro itself only picks for a model
   * of exactly {@code SpecificData}, not for {@link ReaderModel}; decoding through {@link SpecificDatumReader}'s
   * resolving decoder took 2-3 times as long. A writer schema it cannot build a plan for reads as a decode error.
   */
  private DatumReader<T> fastReader(int schemaId, Schema writerSchema) {
    try {
      return model.getFastReaderBuilder().createDatumReader(writerSchema, readerSchema);
    } catch (IOException | RuntimeException e) {
      AvroDecodeException failure = new AvroDecodeException(schemaId,
          "no reading plan from the writer schema to " + readerSchema.getFullName() + ": " + e, e);
      return new DatumReader<>() {
        @Override
        public void setSchema(Schema schema) {
        }

        @Override
        public T read(T reuse, org.apache.avro.io.Decoder in) {
          throw failure;
        }
      };
    }
  }

  private record LastReader<T>(int schemaId, DatumReader<T> reader) {
  }
}
