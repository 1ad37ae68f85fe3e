package io.campaignpulse.streams.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.registry.InMemorySchemaRegistry;
import io.campaignpulse.registry.RegisteredSchema;
import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryException;
import io.campaignpulse.serde.AvroWireSerde;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.topology.InputStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decode step of the real input streams against a registry that cannot be reached: a record whose writer schema
 * is not cached waits for the registry and then counts, never a dead letter; a record with cached ids needs no
 * registry; an outage longer than the wait fails the task with the registry's error, still without a dead letter.
 */
class RegistryOutageDecodeTest {

  private final InMemorySchemaRegistry inner = new InMemorySchemaRegistry();
  private final FlakyRegistry registry = new FlakyRegistry(inner);
  private final PipelineMetrics metrics = new PipelineMetrics();
  private final List<Long> sleeps = new ArrayList<>();
  private long now;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> orders;
  private TestOutputTopic<String, String> valid;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private AvroWireSerializer<TradeInOrder> writer;

  @BeforeEach
  void setUp() {
    start(Duration.ofMinutes(2));
  }

  private void start(Duration maxWait) {
    Topics topics = new Topics(TopicNames.defaults(), new Topics.AvroSerdeFactory() {
      @Override
      public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return new AvroWireSerde<>(type, registry);
      }
    });
    StreamsBuilder builder = new StreamsBuilder();
    RegistryWait wait = new RegistryWait(maxWait, millis -> {
      sleeps.add(millis);
      now += millis * 1_000_000;
    }, () -> now);
    InputStreams inputs = new InputStreams(builder, topics, metrics, null, wait);
    inputs.orders().mapValues(d -> d.value().getOrderId() + " v" + d.value().getVersion())
        .to("valid", Produced.with(Serdes.String(), Serdes.String()));
    driver = new TopologyTestDriver(builder.build());
    orders = driver.createInputTopic(topics.orders().name(), new StringSerializer(), new ByteArraySerializer());
    valid = driver.createOutputTopic("valid", new StringDeserializer(), new StringDeserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    writer = new AvroWireSerializer<>(inner);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private byte[] wire(TradeInOrder order) {
    return writer.serialize(TopicNames.defaults().orders(), order);
  }

  private static TradeInOrder order(String id) {
    return Events.order(id, 1, "C-0", OrderStatus.APPROVED, 10_000, 1_000, Events.T0);
  }

  @Test
  void aRecordWhoseSchemaIsNotCachedWaitsForTheRegistryAndCounts() {
    registry.failNext(5);
    orders.pipeInput("O-1", wire(order("O-1")));

    assertThat(valid.readValuesToList()).containsExactly("O-1 v1");
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(registry.getByIdCalls()).isEqualTo(6);
    assertThat(sleeps).containsExactly(100L, 200L, 400L, 800L, 1_600L);
    assertThat(metrics.registryWaits(TopicNames.defaults().orders())).isEqualTo(1);
    assertThat(metrics.deadLetters()).isZero();
  }

  @Test
  void recordsWithACachedSchemaNeedNoRegistry() {
    orders.pipeInput("O-1", wire(order("O-1")));
    registry.failNext(Integer.MAX_VALUE);
    orders.pipeInput("O-2", wire(order("O-2")));
    orders.pipeInput("O-3", wire(order("O-3")));

    assertThat(valid.readValuesToList()).containsExactly("O-1 v1", "O-2 v1", "O-3 v1");
    assertThat(registry.getByIdCalls()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
    assertThat(metrics.registryWaits()).isZero();
  }

  @Test
  void anOutageLongerThanTheWaitFailsWithTheRegistrysErrorAndNoDeadLetter() {
    driver.close();
    start(Duration.ofSeconds(3));
    registry.failNext(Integer.MAX_VALUE);

    assertThatThrownBy(() -> orders.pipeInput("O-1", wire(order("O-1"))))
        .isInstanceOf(StreamsException.class)
        .hasStackTraceContaining("unreachable: Connection refused");
    assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).isEqualTo(3_000L);
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(valid.isEmpty()).isTrue();
    assertThat(metrics.deadLetters()).isZero();
  }

  @Test
  void anIdTheRegistryDoesNotKnowIsStillADeadLetterAtOnce() {
    byte[] unknown = wire(order("O-1"));
    unknown[4] = 99; // schema id 99
    orders.pipeInput("O-1", unknown);

    assertThat(valid.isEmpty()).isTrue();
    assertThat(deadLetters.readRecordsToList()).hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(metrics.registryWaits()).isZero();
  }

  /** A registry whose {@code getById} is unreachable for the next n calls. */
  private static final class FlakyRegistry implements SchemaRegistryClient {
    private final SchemaRegistryClient delegate;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger getByIdCalls = new AtomicInteger();

    FlakyRegistry(SchemaRegistryClient delegate) {
      this.delegate = delegate;
    }

    void failNext(int n) {
      failures.set(n);
    }

    int getByIdCalls() {
      return getByIdCalls.get();
    }

    @Override
    public Schema getById(int id) {
      getByIdCalls.incrementAndGet();
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw SchemaRegistryException.unreachable("http://registry/schemas/ids/" + id, "Connection refused", null);
      }
      return delegate.getById(id);
    }

    @Override
    public int register(String subject, Schema schema) {
      return delegate.register(subject, schema);
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
      return delegate.lookup(subject, schema);
    }

    @Override
    public RegisteredSchema latest(String subject) {
      return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
      return delegate.isCompatible(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, String level) {
      delegate.setCompatibility(subject, level);
    }

    @Override
    public Optional<String> getCompatibility(String subject) {
      return delegate.getCompatibility(subject);
    }

    @Override
    public void close() {
    }
  }
}
