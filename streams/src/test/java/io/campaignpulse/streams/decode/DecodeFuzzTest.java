package io.campaignpulse.streams.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.contract.RecordValidator;
import io.campaignpulse.contract.Topic;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.contract.Validators;
import io.campaignpulse.registry.SchemaRegistries;
import io.campaignpulse.serde.AvroDecodeException;
import io.campaignpulse.serde.AvroWireSerde;
import io.campaignpulse.serde.WireFormat;
import io.campaignpulse.serde.WireFormatException;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PoisonPills;
import io.campaignpulse.streams.PoisonPills.Pill;
import io.campaignpulse.streams.RandomEvents;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire-format deserializer and the contract's validators fed tens of thousands of random, truncated and
 * corrupted inputs for all four input types. Proves that bad bytes only ever raise the documented
 * {@link SerializationException}s (never an {@code ArrayIndexOutOfBoundsException}, a
 * {@code NegativeArraySizeException} or an {@code OutOfMemoryError}), with a message to put in a dead letter;
 * that no forged length makes the decoder allocate more than a few megabytes; that every truncation of a valid
 * record is rejected; that the byte-array and both byte-buffer entry points agree; and that the validators answer
 * whatever decodes, under any key, without throwing.
 */
class DecodeFuzzTest {

  /** Base seed; set {@code -Dfuzz.seed=N} to explore others (failures name the seed and the input). */
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_129L);
  /** Far below what any forged length in the pills would make a decoder allocate (hundreds of megabytes). */
  private static final long ALLOCATION_LIMIT = 16L << 20;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final String scope = "decode-fuzz-" + UUID.randomUUID();
  private Topics topics;
  private List<Object> events;
  private List<Campaign> campaigns;

  @BeforeEach
  void setUp() {
    Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
    topics = new Topics(TopicNames.defaults(), new Topics.AvroSerdeFactory() {
      @Override
      public <T extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.common.serialization.Serde<T>
          valueSerde(Class<T> type) {
        return AvroWireSerde.forType(type, config, false);
      }
    });
    events = RandomEvents.generate(new Random(SEED), 300);
    campaigns = List.of(Events.campaign("C-0", 1_000_000, 50, 80, 100), Events.campaign("C-1", 0));
  }

  @AfterEach
  void tearDown() {
    SchemaRegistries.dropMockScope(scope);
  }

  @Test
  void everyTruncationOfAValidRecordIsASerializationError() {
    // Given valid records of all four input types
    List<SpecificRecordBase> samples = new ArrayList<>();
    events.stream().limit(60).forEach(e -> samples.add((SpecificRecordBase) e));
    samples.addAll(campaigns);
    PoisonPills encoder = new PoisonPills(topics, new Random(SEED), events, campaigns);
    int tried = 0;
    for (SpecificRecordBase sample : samples) {
      byte[] wire = encoder.encode(sample);
      Topic<String, ?> topic = PoisonPills.topicOf(topics, sample);
      // When each is cut at every length short of its own
      for (int length = 0; length < wire.length; length++) {
        byte[] cut = Arrays.copyOf(wire, length);
        // Then each cut is a wire-format error (no full header) or a decode error (a body that ends too soon)
        Throwable thrown = outcome(topic, cut).error();
        assertThat(thrown).as("seed %d, %s cut to %d bytes: %s", SEED, sample, length, hex(cut))
            .isInstanceOf(length < WireFormat.HEADER_SIZE ? WireFormatException.class : AvroDecodeException.class);
        tried++;
      }
    }
    assertThat(tried).isGreaterThan(2_000);
  }

  @Test
  void randomAndCorruptedInputsRaiseOnlySerializationErrorsWithoutHugeAllocations() {
    // Given 20,000 malformed records of every kind, half of them plain random bytes
    Random random = new Random(SEED);
    PoisonPills pills = new PoisonPills(topics, random, events, campaigns);
    List<String> inputs = List.of(topics.orders().name(), topics.fairSales().name(), topics.fairVisits().name(),
        topics.campaigns().name());
    for (int i = 0; i < 20_000; i++) {
      Pill pill = i % 2 == 0 ? pills.next()
          : new Pill(PoisonPills.Kind.RANDOM_BYTES, inputs.get(random.nextInt(4)), null, randomBytes(random));
      if (pill.value() == null) {
        continue; // a tombstone never reaches the deserializer: the decode step rejects it first
      }
      Topic<String, ?> topic = topicNamed(pill.topic());
      // When the deserializer reads it through each entry point, and the validator checks what decodes
      Outcome fromArray = outcome(topic, pill.value());
      // Then it is a serialization error with a message, or a value the validator answers without throwing
      if (fromArray.error() != null) {
        if (!(fromArray.error() instanceof SerializationException) || isBlank(fromArray.error().getMessage())) {
          fail("seed %d, %s: %s", SEED, pill, fromArray.error(), fromArray.error());
        }
      } else {
        validateUnderAnyKey(topic, fromArray.value(), pill);
      }
      assertThat(fromArray.allocated()).as("bytes allocated decoding %s (seed %d)", pill, SEED)
          .isLessThan(ALLOCATION_LIMIT);
      // And the byte-buffer entry points (a slice of a larger array, and direct memory) agree with it
      assertThat(fromBuffers(topic, pill.value())).as("%s (seed %d)", pill, SEED)
          .allSatisfy(o -> assertThat(o.sameAs(fromArray)).as("%s vs %s", o, fromArray).isTrue());
    }
  }

  /** What one decode gave: a value or an error, and the bytes the thread allocated meanwhile. */
  private record Outcome(Object value, Throwable error, long allocated) {
    boolean sameAs(Outcome other) {
      return error == null ? Objects.equals(value, other.value)
          : other.error != null && error.getClass() == other.error.getClass();
    }
  }

  private static Outcome outcome(Topic<String, ?> topic, byte[] value) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      Object decoded = topic.valueSerde().deserializer().deserialize(topic.name(), value);
      return new Outcome(decoded, null, THREADS.getCurrentThreadAllocatedBytes() - before);
    } catch (Throwable t) {
      return new Outcome(null, t, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
  }

  private static List<Outcome> fromBuffers(Topic<String, ?> topic, byte[] value) {
    byte[] padded = new byte[value.length + 7];
    System.arraycopy(value, 0, padded, 3, value.length);
    ByteBuffer slice = ByteBuffer.wrap(padded, 3, value.length).slice();
    ByteBuffer direct = ByteBuffer.allocateDirect(value.length).put(value).flip();
    List<Outcome> outcomes = new ArrayList<>();
    for (ByteBuffer buffer : List.of(slice, direct)) {
      try {
        outcomes.add(new Outcome(topic.valueSerde().deserializer().deserialize(topic.name(), new RecordHeaders(),
            buffer), null, 0));
      } catch (Throwable t) {
        outcomes.add(new Outcome(null, t, 0));
      }
    }
    return outcomes;
  }

  @SuppressWarnings("unchecked")
  private void validateUnderAnyKey(Topic<String, ?> topic, Object value, Pill pill) {
    Map<String, RecordValidator<?>> validators = Map.of(
        topics.orders().name(), Validators.ORDER, topics.fairSales().name(), Validators.FAIR_SALE,
        topics.fairVisits().name(), Validators.FAIR_VISIT, topics.campaigns().name(), Validators.CAMPAIGN);
    RecordValidator<Object> validator = (RecordValidator<Object>) validators.get(topic.name());
    for (String key : Arrays.asList(null, "", PoisonPills.entityId(value))) {
      try {
        validator.problem(key, value);
      } catch (RuntimeException e) {
        fail("seed %d, %s: the validator threw for key %s: %s", SEED, pill, key, e, e);
      }
    }
  }

  private Topic<String, ?> topicNamed(String name) {
    return List.of(topics.orders(), topics.fairSales(), topics.fairVisits(), topics.campaigns()).stream()
        .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  /** Random bytes of 0 to 200 bytes, half of them behind a plausible header (magic byte, small schema id). */
  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    if (bytes.length >= WireFormat.HEADER_SIZE && random.nextBoolean()) {
      WireFormat.writeHeader(bytes, 0, 1 + random.nextInt(6));
    }
    return bytes;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
