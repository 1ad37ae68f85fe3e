package io.campaignpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.registry.InMemorySchemaRegistry;
import io.campaignpulse.registry.RegisteredSchema;
import io.campaignpulse.registry.SchemaRegistries;
import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroWireDeserializerTest {

  private String scope;
  private Map<String, Object> config;
  private InMemorySchemaRegistry registry;
  private AvroWireSerde<TradeInOrder> serde;

  @BeforeEach
  void setUp() {
    scope = "deser-" + UUID.randomUUID();
    config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    registry = SchemaRegistries.mockScope(scope);
    serde = AvroWireSerde.forType(TradeInOrder.class, config, false);
  }

  @AfterEach
  void tearDown() {
    serde.close();
    SchemaRegistries.dropMockScope(scope);
  }

  @Test
  void aJsonPayloadIsAWireFormatErrorNamingTheFirstByte() {
    // Given a payload some other producer wrote as JSON
    byte[] json = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize("tradein-orders", json))
        .isInstanceOf(WireFormatException.class)
        .isInstanceOf(SerializationException.class)
        .hasMessage("not Confluent wire format: first byte 0x7b, expected 0x00");
  }

  @Test
  void anEmptyOrShortPayloadIsAWireFormatError() {
    // Given payloads of 0 and 3 bytes; When deserialized; Then the length is reported
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("payload has 0 bytes");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 1}))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("payload has 3 bytes, expected at least 5");
  }

  @Test
  void aTruncatedBodyIsADecodeFailureNamingTheSchemaId() {
    // Given a valid payload cut short in the middle of the Avro body
    byte[] full = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());
    int id = WireFormat.readSchemaId(full);
    byte[] truncated = Arrays.copyOf(full, full.length - 10);

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize("tradein-orders", truncated))
        .isInstanceOfSatisfying(AvroDecodeException.class,
            e -> assertThat(e.schemaId()).isEqualTo(id))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Avro decode failed for schema id " + id + ": ")
        .hasMessageContaining("unexpected end of data");
  }

  @Test
  void anUnknownSchemaIdIsReportedWithTheId() {
    // Given a well-formed header naming an id the registry never issued
    byte[] payload = new byte[20];
    WireFormat.writeHeader(payload, 0, 12345);

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize("tradein-orders", payload))
        .isInstanceOfSatisfying(UnknownSchemaIdException.class,
            e -> assertThat(e.schemaId()).isEqualTo(12345))
        .isInstanceOf(SerializationException.class)
        .hasMessage("unknown schema id 12345")
        .cause().isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
  }

  @Test
  void aRecordOfAnotherTypeIsADecodeFailure() {
    // Given a campaign written where orders were expected
    byte[] campaign;
    try (AvroWireSerializer<Campaign> writer = new AvroWireSerializer<>(registry)) {
      campaign = writer.serialize("tradein-orders", TestRecords.campaign());
    }

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize("tradein-orders", campaign))
        .isInstanceOf(AvroDecodeException.class)
        .hasMessageContaining("io.campaignpulse.avro.Campaign");
  }

  @Test
  void anUnreachableRegistryIsRetriableAndNotBadData() throws Exception {
    // Given a deserializer whose registry port is closed, and a well-formed payload
    String url = "http://127.0.0.1:" + AvroWireSerializerTest.closedPort();
    byte[] payload = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());
    try (AvroWireDeserializer<TradeInOrder> deserializer =
        new AvroWireDeserializer<>(TradeInOrder.class)) {
      deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url,
          SerdeConfig.REGISTRY_MAX_ATTEMPTS, "2", SerdeConfig.REGISTRY_RETRY_BACKOFF_MS, "10"),
          false);

      // When / Then it is a retriable registry failure naming the URL, not a SerializationException
      assertThatThrownBy(() -> deserializer.deserialize("tradein-orders", payload))
          .isInstanceOf(RegistryUnavailableException.class)
          .isInstanceOf(RetriableException.class)
          .isNotInstanceOf(SerializationException.class)
          .hasMessageContaining("cannot resolve schema id")
          .hasMessageContaining("schema registry at " + url + "/schemas/ids/")
          .hasMessageContaining("gave up after 2 attempts");
    }
  }

  @Test
  void otherRegistryRefusalsPropagateAsTheyAre() {
    // Given a registry that refuses access
    SchemaRegistryException denied =
        new SchemaRegistryException("http://registry", 401, 40101, "Unauthorized");
    SchemaRegistryClient refusing = (SchemaRegistryClient) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {SchemaRegistryClient.class},
        (proxy, method, args) -> {
          throw denied;
        });
    AvroWireDeserializer<TradeInOrder> deserializer =
        new AvroWireDeserializer<>(TradeInOrder.class, refusing);
    byte[] payload = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());

    // When / Then
    assertThatThrownBy(() -> deserializer.deserialize("tradein-orders", payload))
        .isSameAs(denied);
  }

  @Test
  void theWriterSchemaIsFetchedOncePerId() {
    // Given a deserializer over a counting registry
    CountingRegistry counting = new CountingRegistry(registry);
    AvroWireDeserializer<TradeInOrder> deserializer =
        new AvroWireDeserializer<>(TradeInOrder.class, counting);
    byte[] payload = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());

    // When it reads the same kind of payload 50 times
    for (int i = 0; i < 50; i++) {
      assertThat(deserializer.deserialize("tradein-orders", payload).getCategory())
          .isEqualTo(Category.HOME_APPLIANCE);
    }

    // Then the registry was asked once
    assertThat(counting.calls("getById")).isEqualTo(1);
  }

  @Test
  void aByteBufferSliceIsReadInPlaceWithoutMovingIt() {
    // Given a payload in the middle of a larger array, exposed as a slice
    byte[] payload = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());
    byte[] big = new byte[payload.length + 13];
    System.arraycopy(payload, 0, big, 7, payload.length);
    ByteBuffer slice = ByteBuffer.wrap(big, 7, payload.length).slice();

    // When it is deserialized through the ByteBuffer overload
    TradeInOrder order = serde.deserializer().deserialize("tradein-orders", null, slice);

    // Then the record is right and the buffer untouched
    assertThat(order).isEqualTo(TestRecords.tradeInOrder());
    assertThat(slice.position()).isZero();
    assertThat(slice.remaining()).isEqualTo(payload.length);
  }

  @Test
  void aDirectByteBufferIsReadToo() {
    // Given a payload in a direct (not array-backed) buffer
    byte[] payload = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());
    ByteBuffer direct = ByteBuffer.allocateDirect(payload.length).put(payload).flip();

    // When / Then it is copied and decoded, leaving the buffer's position alone
    assertThat(serde.deserializer().deserialize("tradein-orders", null, direct))
        .isEqualTo(TestRecords.tradeInOrder());
    assertThat(direct.position()).isZero();
  }

  @Test
  void aClassWithoutAvroSchemaIsRejectedUpFront() {
    // Given the SpecificRecord interface instead of a generated class; When / Then
    assertThatThrownBy(() -> new AvroWireDeserializer<>(SpecificRecord.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.apache.avro.specific.SpecificRecord");
  }

  @Test
  void lookupOfARegisteredSchemaMatchesTheIdInThePayload() {
    // Given a payload written by the serde
    byte[] payload = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());

    // When the subject is looked up
    RegisteredSchema registered =
        registry.lookup("tradein-orders-value", TradeInOrder.getClassSchema());

    // Then it is version 1 with the id in the header
    assertThat(registered.version()).isEqualTo(1);
    assertThat(WireFormat.readSchemaId(payload)).isEqualTo(registered.id());
  }
}
