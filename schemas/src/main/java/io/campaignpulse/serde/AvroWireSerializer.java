package io.campaignpulse.serde;

import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.Utf8;
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
 * record is the returned array (and the boxed field values {@code SpecificRecord.get} returns).
 * {@code null} serializes to {@code null} (tombstone).
 *
 * <p>Encoding: a flat generated record (fields of primitive, string, enum, logical types over
 * int/long, and {@code ["null", primitive or string]} unions, e.g. every event of the pipeline) is
 * written by a plan compiled once per schema that writes each field straight into the buffer: the
 * same bytes as Avro's {@link SpecificDatumWriter}, which takes about 1.5 times as long for its
 * per-field schema dispatch, union resolution and per-byte stream calls, on the producer's sending
 * thread (see the bench module). Any other schema, or a value the plan does not cover, is written
 * by {@link SpecificDatumWriter}, so its results and errors are Avro's own.
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
  private final ConcurrentMap<Schema, RecordWriter> writers = new ConcurrentHashMap<>();
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
    RecordWriter writer = writers.get(schema);
    if (writer == null) {
      writer = writers.computeIfAbsent(schema, s -> RecordWriter.of(record, s));
    }
    return writer.encode(schemaId, record);
  }

  /**
   * The id {@code schema} is written under on {@code topic}, registering or looking it up now if it is not cached
   * yet, and cached for {@link #serialize}. A producer that calls it at start-up needs no registry later to write
   * records of that schema, even when the first of them comes during a registry outage.
   *
   * @throws RegistryUnavailableException when the registry cannot be reached
   */
  public int schemaId(String topic, Schema schema) {
    ConcurrentMap<Schema, Integer> ids = topic == null ? null : idsByTopic.get(topic);
    Integer id = ids == null ? null : ids.get(schema);
    return id != null ? id : resolveId(topic, schema);
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

  /**
   * Sets the subject's compatibility unless it has it. Another serializer (a second stream thread writing the same
   * new topic) may set it between the read and the write; Apicurio then answers 409 ("a rule named COMPATIBILITY
   * already exists"), which is fine when the subject now has the level wanted.
   */
  private static void enforceCompatibility(SchemaRegistryClient client, String subject,
      String level) {
    Optional<String> current = client.getCompatibility(subject);
    if (current.isEmpty() || !current.get().equalsIgnoreCase(level)) {
      try {
        client.setCompatibility(subject, level);
      } catch (SchemaRegistryException e) {
        // another writer (a second stream thread, say) configured the subject between the read and the write, and
        // the registry refuses a second rule (Apicurio answers 409): fine when it now has the level wanted
        if (e.httpStatus() != 409
            || !client.getCompatibility(subject).map(level::equalsIgnoreCase).orElse(false)) {
          throw e;
        }
      }
    }
  }

  // ---- hot path: encoding ------------------------------------------------------------------

  /**
   * How the records of one schema are encoded: by a compiled {@link FieldPlan} when the schema is a
   * flat record it covers, otherwise (and for any value the plan refuses) by Avro's own writer.
   */
  private static final class RecordWriter {
    private final DatumWriter<Object> avro;
    /** Null when the schema is not covered, or a value showed it does not cover this data. */
    private volatile FieldPlan[] plan;

    private RecordWriter(DatumWriter<Object> avro, FieldPlan[] plan) {
      this.avro = avro;
      this.plan = plan;
    }

    static RecordWriter of(SpecificRecord record, Schema schema) {
      SpecificData model = record instanceof SpecificRecordBase base
          ? base.getSpecificData() : SpecificData.getForClass(record.getClass());
      return new RecordWriter(new SpecificDatumWriter<>(schema, model),
          FieldPlan.compile(record, schema));
    }

    byte[] encode(int schemaId, SpecificRecord record) {
      Buffer buffer = BUFFERS.get();
      try {
        FieldPlan[] fields = plan;
        if (fields != null && record instanceof SpecificRecordBase base) {
          buffer.startRecord(schemaId);
          if (FieldPlan.write(fields, base, buffer)) {
            return buffer.toByteArray();
          }
        }
        buffer.startRecord(schemaId);
        avro.write(record, buffer.encoder);
        if (fields != null) {
          plan = null; // Avro wrote what the plan refused: leave this schema to Avro from now on
        }
        return buffer.toByteArray();
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("Avro encode failed for schema id " + schemaId + " ("
            + record.getSchema().getFullName() + "): " + e, e);
      } finally {
        if (buffer.capacity() > MAX_RETAINED_BUFFER) {
          BUFFERS.remove();
        }
      }
    }
  }

  /**
   * One field of a compiled record plan: where it is, its logical type (converted with the
   * record's own conversion, as {@link SpecificDatumWriter} does), and how its value is written.
   * Values are checked as Avro would accept them; anything else makes {@link #write} refuse the
   * record, and Avro writes it (or reports why it cannot).
   */
  private record FieldPlan(int pos, Schema schema, LogicalType logicalType, Kind kind,
      int nullIndex) {

    enum Kind {
      NULL, BOOLEAN, INT, LONG, STRING, ENUM,
      NULLABLE_BOOLEAN, NULLABLE_INT, NULLABLE_LONG, NULLABLE_STRING
    }

    /** The plan for {@code schema}, or null when it has a part the plan does not cover. */
    static FieldPlan[] compile(SpecificRecord record, Schema schema) {
      if (schema.getType() != Schema.Type.RECORD || !(record instanceof SpecificRecordBase)
          || declaresCustomEncoder(record.getClass())) {
        return null;
      }
      List<Schema.Field> fields = schema.getFields();
      FieldPlan[] plan = new FieldPlan[fields.size()];
      for (Schema.Field field : fields) {
        FieldPlan compiled = compile(field);
        if (compiled == null) {
          return null;
        }
        plan[field.pos()] = compiled;
      }
      return plan;
    }

    private static FieldPlan compile(Schema.Field field) {
      Schema schema = field.schema();
      LogicalType logicalType = schema.getLogicalType();
      Kind kind = plainKind(schema);
      if (logicalType != null) {
        // converted to its raw int or long by the record's conversion, then written as such
        return kind == Kind.INT || kind == Kind.LONG
            ? new FieldPlan(field.pos(), schema, logicalType, kind, -1) : null;
      }
      if (kind != null) {
        return new FieldPlan(field.pos(), schema, null, kind, -1);
      }
      if (schema.getType() != Schema.Type.UNION || schema.getTypes().size() != 2) {
        return null;
      }
      int nullIndex = schema.getTypes().get(0).getType() == Schema.Type.NULL ? 0 : 1;
      Schema other = schema.getTypes().get(1 - nullIndex);
      if (schema.getTypes().get(nullIndex).getType() != Schema.Type.NULL
          || other.getLogicalType() != null) {
        return null;
      }
      Kind nullable = switch (other.getType()) {
        case BOOLEAN -> Kind.NULLABLE_BOOLEAN;
        case INT -> Kind.NULLABLE_INT;
        case LONG -> Kind.NULLABLE_LONG;
        case STRING -> Kind.NULLABLE_STRING;
        default -> null;
      };
      return nullable == null ? null
          : new FieldPlan(field.pos(), schema, null, nullable, nullIndex);
    }

    private static Kind plainKind(Schema schema) {
      return switch (schema.getType()) {
        case NULL -> Kind.NULL;
        case BOOLEAN -> Kind.BOOLEAN;
        case INT -> Kind.INT;
        case LONG -> Kind.LONG;
        case STRING -> Kind.STRING;
        case ENUM -> Kind.ENUM;
        default -> null;
      };
    }

    /** Generated classes with custom coders are written by their own code, through Avro. */
    private static boolean declaresCustomEncoder(Class<?> type) {
      for (Class<?> c = type; c != null && c != SpecificRecordBase.class; c = c.getSuperclass()) {
        try {
          c.getDeclaredMethod("customEncode", Encoder.class);
          return true;
        } catch (NoSuchMethodException notHere) {
          // look further up
        }
      }
      return false;
    }

    /** Writes the record's fields; false (buffer to be restarted) when a value is not covered. */
    static boolean write(FieldPlan[] plan, SpecificRecordBase record, Buffer out) {
      try {
        for (FieldPlan field : plan) {
          field.write(record, out);
        }
        return true;
      } catch (RuntimeException notCovered) {
        return false;
      }
    }

    private void write(SpecificRecordBase record, Buffer out) {
      Object value = record.get(pos);
      if (logicalType != null) {
        Conversion<?> conversion = record.getConversion(pos);
        if (conversion != null) {
          value = Conversions.convertToRawType(value, schema, logicalType, conversion);
        }
      }
      switch (kind) {
        case NULL -> {
          // nothing to write, whatever the value (as Avro)
        }
        case BOOLEAN -> out.writeByte((Boolean) value ? 1 : 0);
        case INT -> out.writeInt(((Number) value).intValue());
        case LONG -> out.writeLong(((Number) value).longValue());
        case STRING -> out.writeString((CharSequence) value);
        case ENUM -> out.writeInt(((Enum<?>) value).ordinal());
        case NULLABLE_BOOLEAN -> {
          if (branch(value, Boolean.class, out)) {
            out.writeByte((Boolean) value ? 1 : 0);
          }
        }
        case NULLABLE_INT -> {
          if (branch(value, Integer.class, out)) {
            out.writeInt((Integer) value);
          }
        }
        case NULLABLE_LONG -> {
          if (branch(value, Long.class, out)) {
            out.writeLong((Long) value);
          }
        }
        case NULLABLE_STRING -> {
          if (branch(value, CharSequence.class, out)) {
            out.writeString((CharSequence) value);
          }
        }
        default -> throw new IllegalStateException(kind.toString());
      }
    }

    /**
     * Writes the union index for {@code value}, as Avro resolves it (by the value's class); true
     * when the value follows. Any other class is refused.
     */
    private boolean branch(Object value, Class<?> type, Buffer out) {
      if (value == null) {
        out.writeInt(nullIndex);
        return false;
      }
      if (!type.isInstance(value)) {
        throw new IllegalArgumentException("not a " + type.getSimpleName());
      }
      out.writeInt(1 - nullIndex);
      return true;
    }
  }

  /**
   * A growable, unsynchronized byte buffer: Avro's direct binary encoder writes into it, and so do
   * the compiled plans, with Avro's binary encoding (zig-zag varints, length-prefixed UTF-8).
   */
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

    void writeByte(int b) {
      write(b);
    }

    void writeInt(int n) {
      writeLong(n); // the zig-zag varint of an int is that of the same long
    }

    void writeLong(long n) {
      ensure(10);
      long v = (n << 1) ^ (n >> 63);
      while ((v & ~0x7FL) != 0) {
        bytes[count++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[count++] = (byte) v;
    }

    /** As Avro: a {@link Utf8} as its bytes, anything else as the UTF-8 of its toString(). */
    void writeString(CharSequence text) {
      if (text instanceof Utf8 utf8) {
        writeLong(utf8.getByteLength());
        write(utf8.getBytes(), 0, utf8.getByteLength());
        return;
      }
      String s = text.toString();
      int length = s.length();
      int start = count;
      writeLong(length); // the byte length, if every char is ASCII
      ensure(length);
      for (int i = 0; i < length; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          count = start;
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          writeLong(utf8.length);
          write(utf8, 0, utf8.length);
          return;
        }
        bytes[count + i] = (byte) c;
      }
      count += length;
    }

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
      }
    }
  }
}
