package io.campaignpulse.streams;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.RecordValidator;
import io.campaignpulse.contract.Topic;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.contract.Validators;
import io.campaignpulse.serde.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Malformed input records for the four input topics, each one the contract must reject: random bytes, text,
 * plain Avro without the header, empty values and tombstones, valid records cut at any length, unknown schema
 * ids, another input's record, forged string lengths (huge, negative, a few bytes off), overlong varints, enum
 * ordinals and union branches out of range, huge array counts, bit flips, valid Avro that breaks a rule of the
 * contract, and good records under a wrong, empty or null key. Mutations start from good events encoded with the
 * topics' own serdes (so with ids the registry knows). Every pill is checked against the contract ({@link #accepts}:
 * decode, then validate); the few mutations that may leave an acceptable record (bit flips, lengths a few bytes
 * off) are drawn again, and any other kind the contract accepts is a bug of this generator and fails loudly.
 */
public final class PoisonPills {

  /** How a pill was made. */
  public enum Kind {
    RANDOM_BYTES, TEXT, AVRO_WITHOUT_HEADER, EMPTY, TOMBSTONE, TRUNCATED, UNKNOWN_SCHEMA_ID, OTHER_RECORD_TYPE,
    FORGED_LENGTH, LENGTH_SLIGHTLY_OFF, OVERLONG_VARINT, OUT_OF_RANGE_BRANCH, BIT_FLIPS, BREAKS_CONTRACT, WRONG_KEY;

    /** Kinds whose mutation may, by chance, leave a record the contract accepts. */
    boolean mayStayValid() {
      return this == BIT_FLIPS || this == LENGTH_SLIGHTLY_OFF;
    }
  }

  /** One malformed record: its topic, key and value (either may be null), and how it was made. */
  public record Pill(Kind kind, String topic, String key, byte[] value) {

    @Override
    public String toString() {
      return kind + " on " + topic + ", key " + (key == null ? "null" : "'" + key + "'") + ", value "
          + (value == null ? "null" : value.length + " bytes " + HexFormat.of().formatHex(value));
    }
  }

  private static final int[] UNKNOWN_IDS = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 987_654, 65_536};

  private final Topics topics;
  private final Random random;
  private final List<SpecificRecordBase> samples = new ArrayList<>();

  /** Pills made from {@code goodEvents} (orders, sales, gate reports) and {@code campaigns}. */
  public PoisonPills(Topics topics, Random random, List<?> goodEvents, List<Campaign> campaigns) {
    this.topics = topics;
    this.random = random;
    goodEvents.forEach(e -> samples.add((SpecificRecordBase) e));
    samples.addAll(campaigns);
  }

  /** {@code count} pills of kinds and topics drawn at random. */
  public List<Pill> next(int count) {
    List<Pill> pills = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      pills.add(next());
    }
    return pills;
  }

  /** One pill of a kind drawn at random. */
  public Pill next() {
    Kind[] kinds = Kind.values();
    return next(kinds[random.nextInt(kinds.length)]);
  }

  /** One pill of {@code kind}, from a good sample drawn at random. */
  public Pill next(Kind kind) {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      SpecificRecordBase sample = samples.get(random.nextInt(samples.size()));
      Pill pill = make(kind, sample);
      if (!accepts(topics, pill.topic(), pill.key(), pill.value())) {
        return pill;
      }
      if (!kind.mayStayValid()) {
        throw new AssertionError("the generator made a record the contract accepts: " + pill);
      }
    }
    throw new AssertionError("no " + kind + " pill the contract rejects in 1000 attempts");
  }

  /** A record in the wire format, as its topic's serde writes it. */
  @SuppressWarnings("unchecked")
  public byte[] encode(SpecificRecordBase record) {
    Topic<String, SpecificRecordBase> topic = (Topic<String, SpecificRecordBase>) topicOf(topics, record);
    return topic.valueSerde().serializer().serialize(topic.name(), record);
  }

  private Pill make(Kind kind, SpecificRecordBase sample) {
    String topic = topicOf(topics, sample).name();
    String key = entityId(sample);
    byte[] good = encode(sample);
    byte[] body = Arrays.copyOfRange(good, WireFormat.HEADER_SIZE, good.length);
    return switch (kind) {
      case RANDOM_BYTES -> new Pill(kind, topic, key, randomBytes(random.nextInt(80)));
      case TEXT -> new Pill(kind, topic, key,
          ("{\"id\":\"" + key + "\",\"amount\":1.5}").getBytes(StandardCharsets.UTF_8));
      case AVRO_WITHOUT_HEADER -> new Pill(kind, topic, key, body);
      case EMPTY -> new Pill(kind, topic, key, new byte[0]);
      case TOMBSTONE -> new Pill(kind, topic, key, null);
      case TRUNCATED -> new Pill(kind, topic, key, Arrays.copyOf(good, random.nextInt(good.length)));
      case UNKNOWN_SCHEMA_ID -> new Pill(kind, topic, key, withSchemaId(good, unknownId()));
      case OTHER_RECORD_TYPE -> otherType(topic, sample);
      case FORGED_LENGTH -> withField(kind, sample, good, Set.of(Schema.Type.STRING), this::forgedLength);
      case LENGTH_SLIGHTLY_OFF -> withField(kind, sample, good, Set.of(Schema.Type.STRING), this::lengthSlightlyOff);
      case OVERLONG_VARINT -> withField(kind, sample, good, Set.of(Schema.Type.INT, Schema.Type.LONG),
          (schema, value) -> overlongVarint());
      case OUT_OF_RANGE_BRANCH -> withField(kind, sample, good, Set.of(Schema.Type.ENUM, Schema.Type.UNION),
          this::outOfRange);
      case BIT_FLIPS -> new Pill(kind, topic, key, flipBits(good));
      case BREAKS_CONTRACT -> {
        SpecificRecordBase broken = breakContract(sample);
        yield new Pill(kind, topic, entityId(broken), encode(broken));
      }
      case WRONG_KEY -> new Pill(kind, topic, new String[] {null, "", " ", "X-" + key}[random.nextInt(4)], good);
    };
  }

  // ---- byte-level mutations ----------------------------------------------------------------------------------

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private int unknownId() {
    return random.nextInt(3) == 0 ? 1_000_000 + random.nextInt(Integer.MAX_VALUE - 1_000_000)
        : UNKNOWN_IDS[random.nextInt(UNKNOWN_IDS.length)];
  }

  private static byte[] withSchemaId(byte[] wire, int schemaId) {
    byte[] copy = wire.clone();
    WireFormat.writeHeader(copy, 0, schemaId);
    return copy;
  }

  /** The body of another input's record, with that record's schema id (known to the registry), on this topic. */
  private Pill otherType(String topic, SpecificRecordBase sample) {
    SpecificRecordBase other;
    do {
      other = samples.get(random.nextInt(samples.size()));
    } while (other.getClass() == sample.getClass());
    return new Pill(Kind.OTHER_RECORD_TYPE, topic, entityId(sample), encode(other));
  }

  private byte[] flipBits(byte[] good) {
    byte[] copy = good.clone();
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      int bit = WireFormat.HEADER_SIZE * 8 + random.nextInt((copy.length - WireFormat.HEADER_SIZE) * 8);
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    return copy;
  }

  /** The raw encoding that replaces a field's: given the field's schema and the sample's value of it. */
  private interface FieldForgery {
    byte[] forge(Schema schema, Object value);
  }

  /**
   * The sample with one field of one of {@code types} (drawn at random) encoded as the forgery, every other field
   * as the topic's serde wrote it; a record without such a field gets a forged string length.
   */
  private Pill withField(Kind kind, SpecificRecordBase sample, byte[] good, Set<Schema.Type> types,
      FieldForgery forgery) {
    Schema schema = sample.getSchema();
    List<Schema.Field> candidates =
        schema.getFields().stream().filter(f -> types.contains(f.schema().getType())).toList();
    if (candidates.isEmpty()) {
      candidates = schema.getFields().stream().filter(f -> f.schema().getType() == Schema.Type.STRING).toList();
      forgery = this::forgedLength; // every input record has strings
    }
    Schema.Field forged = candidates.get(random.nextInt(candidates.size()));
    int[] starts = fieldStarts(schema, good);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(good, 0, starts[forged.pos()]);
    out.writeBytes(forgery.forge(forged.schema(), sample.get(forged.pos())));
    out.write(good, starts[forged.pos() + 1], good.length - starts[forged.pos() + 1]);
    return new Pill(kind, topicOf(topics, sample).name(), entityId(sample), out.toByteArray());
  }

  /** Where each field of a wire-format record starts, and (last) where the record ends. */
  private static int[] fieldStarts(Schema schema, byte[] wire) {
    Position in = new Position(wire);
    BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(in, null);
    int[] starts = new int[schema.getFields().size() + 1];
    try {
      for (Schema.Field field : schema.getFields()) {
        starts[field.pos()] = in.position();
        skip(field.schema(), decoder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    starts[starts.length - 1] = in.position();
    return starts;
  }

  private static void skip(Schema schema, BinaryDecoder decoder) throws IOException {
    switch (schema.getType()) {
      case STRING -> decoder.skipString();
      case INT -> decoder.readInt();
      case LONG -> decoder.readLong();
      case ENUM -> decoder.readEnum();
      case UNION -> skip(schema.getTypes().get(decoder.readIndex()), decoder);
      case ARRAY -> {
        for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
          for (long i = 0; i < n; i++) {
            skip(schema.getElementType(), decoder);
          }
        }
      }
      case NULL -> decoder.readNull();
      default -> throw new IllegalArgumentException("no input record has a field of type " + schema.getType());
    }
  }

  /** The bytes after the header, read one at a time, telling how far it has read. */
  private static final class Position extends ByteArrayInputStream {
    Position(byte[] wire) {
      super(wire, WireFormat.HEADER_SIZE, wire.length - WireFormat.HEADER_SIZE);
    }

    int position() {
      return pos;
    }
  }

  /** A string length far beyond any record's end, or negative. */
  private byte[] forgedLength(Schema schema, Object value) {
    long[] lengths = {-1, -1 - random.nextInt(Integer.MAX_VALUE), Integer.MAX_VALUE, Integer.MAX_VALUE - 8L,
        100_000 + random.nextInt(Integer.MAX_VALUE - 100_000), Long.MAX_VALUE, Long.MIN_VALUE,
        (long) Integer.MAX_VALUE + 1 + random.nextInt(Integer.MAX_VALUE)};
    return varint(lengths[random.nextInt(lengths.length)]);
  }

  /** The string's bytes behind a length a few bytes off the truth. */
  private byte[] lengthSlightlyOff(Schema schema, Object value) {
    byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
    int off = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(3));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(varint(text.length + off));
    out.writeBytes(text);
    return out.toByteArray();
  }

  /** Eleven bytes with the continuation bit set: no int or long is that long. */
  private byte[] overlongVarint() {
    byte[] bytes = new byte[11 + random.nextInt(5)];
    Arrays.fill(bytes, (byte) 0xff);
    return bytes;
  }

  /** An enum ordinal or union branch index outside the schema's, or negative. */
  private byte[] outOfRange(Schema schema, Object value) {
    int size = schema.getType() == Schema.Type.ENUM ? schema.getEnumSymbols().size() : schema.getTypes().size();
    int index = random.nextBoolean() ? size + random.nextInt(1_000) : -1 - random.nextInt(1_000);
    return varint(index);
  }

  /** Avro's zig-zag varint of {@code n}. */
  public static byte[] varint(long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = (n << 1) ^ (n >> 63);
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  // ---- valid Avro that breaks the contract ---------------------------------------------------------------------

  /** A copy of the sample with one rule of the contract broken. */
  private SpecificRecordBase breakContract(SpecificRecordBase sample) {
    SpecificRecordBase copy = copy(sample);
    List<Runnable> rules;
    if (copy instanceof TradeInOrder o) {
      rules = List.of(
          () -> o.setPurchaseAmountFen(-1 - random.nextInt(1_000_000)),
          () -> o.setSubsidyAmountFen(-1 - random.nextInt(1_000)),
          () -> o.setSubsidyAmountFen(o.getPurchaseAmountFen() + 1 + random.nextInt(1_000)),
          () -> o.setVersion(-random.nextInt(3)),
          () -> o.setOrderId(random.nextBoolean() ? "" : " \t"),
          () -> o.setCampaignId(""),
          () -> o.setMerchantId(" "),
          () -> o.setCampaignId(o.getCampaignId() + "\u0001"));
    } else if (copy instanceof FairSale s) {
      rules = List.of(
          () -> s.setAmountFen(-1 - random.nextInt(1_000_000)),
          () -> s.setSaleId(""),
          () -> s.setFairId(" "),
          () -> s.setCampaignId(""),
          () -> s.setCampaignId("C\n0"));
    } else if (copy instanceof FairVisit v) {
      rules = List.of(
          () -> v.setVisitors(-1 - random.nextInt(500)),
          () -> v.setGateId(""),
          () -> v.setCampaignId(" "),
          () -> v.setFairId(v.getFairId() + "\u007f"));
    } else {
      Campaign c = (Campaign) copy;
      rules = List.of(
          () -> c.setSubsidyBudgetFen(-1 - random.nextInt(1_000)),
          () -> c.setEndTime(c.getStartTime().minusMillis(1 + random.nextInt(1_000))),
          () -> c.setAlertThresholdsPercent(List.of(50, -random.nextInt(100))),
          () -> c.setCampaignId(""));
    }
    rules.get(random.nextInt(rules.size())).run();
    return copy;
  }

  /**
   * A copy through the topic's serde (Avro's own deep copy would resolve the enum classes by name, which Avro
   * 1.12 refuses for classes it was not told to trust).
   */
  @SuppressWarnings("unchecked")
  private SpecificRecordBase copy(SpecificRecordBase record) {
    Topic<String, SpecificRecordBase> topic = (Topic<String, SpecificRecordBase>) topicOf(topics, record);
    return topic.valueSerde().deserializer().deserialize(topic.name(), encode(record));
  }

  // ---- the contract ------------------------------------------------------------------------------------------

  /** The record key of an input record: the id that keeps its entity on one partition. */
  public static String entityId(Object record) {
    if (record instanceof TradeInOrder o) {
      return o.getOrderId();
    }
    if (record instanceof FairSale s) {
      return s.getFairId();
    }
    if (record instanceof FairVisit v) {
      return v.getFairId();
    }
    return ((Campaign) record).getCampaignId();
  }

  /** The input topic of a record's type. */
  public static Topic<String, ?> topicOf(Topics topics, Object record) {
    if (record instanceof TradeInOrder) {
      return topics.orders();
    }
    if (record instanceof FairSale) {
      return topics.fairSales();
    }
    if (record instanceof FairVisit) {
      return topics.fairVisits();
    }
    return topics.campaigns();
  }

  /**
   * Whether the contract accepts a record: it decodes with the topic's serde and passes the topic's validator. A
   * serialization error is a rejection; anything else the decoder throws propagates.
   */
  public static boolean accepts(Topics topics, String topic, String key, byte[] value) {
    Map<String, Check<?>> checks = Map.of(
        topics.orders().name(), new Check<>(topics.orders(), Validators.ORDER),
        topics.fairSales().name(), new Check<>(topics.fairSales(), Validators.FAIR_SALE),
        topics.fairVisits().name(), new Check<>(topics.fairVisits(), Validators.FAIR_VISIT),
        topics.campaigns().name(), new Check<>(topics.campaigns(), Validators.CAMPAIGN));
    return value != null && checks.get(topic).accepts(key, value);
  }

  private record Check<T>(Topic<String, T> topic, RecordValidator<T> validator) {
    boolean accepts(String key, byte[] value) {
      try {
        return validator.problem(key, topic.valueSerde().deserializer().deserialize(topic.name(), value)) == null;
      } catch (SerializationException rejected) {
        return false;
      }
    }
  }

}
