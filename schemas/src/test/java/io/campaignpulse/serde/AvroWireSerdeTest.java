package io.campaignpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.registry.InMemorySchemaRegistry;
import io.campaignpulse.registry.SchemaRegistries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroWireSerdeTest {

  private String scope;
  private Map<String, Object> config;
  private InMemorySchemaRegistry registry;

  @BeforeEach
  void newMockScope() {
    scope = "serde-" + UUID.randomUUID();
    config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    registry = SchemaRegistries.mockScope(scope);
  }

  @AfterEach
  void dropMockScope() {
    SchemaRegistries.dropMockScope(scope);
  }

  static Stream<SpecificRecord> everyRecordType() {
    return TestRecords.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  void everyRecordTypeSurvivesARoundTripThroughTheMockRegistry(SpecificRecord record) {
    // Given a serde for the record's class on a mock:// registry
    try (AvroWireSerde<SpecificRecord> serde = serdeFor(record)) {
      // When the record is serialized and deserialized
      byte[] bytes = serde.serializer().serialize("topic-a", record);
      SpecificRecord back = serde.deserializer().deserialize("topic-a", bytes);

      // Then the copy equals the original and its schema is registered under <topic>-value
      assertThat(back).isEqualTo(record).isNotSameAs(record);
      assertThat(registry.latest("topic-a-value").schema()).isEqualTo(record.getSchema());
    }
  }

  @Test
  void payloadIsMagicByteThenRegisteredIdThenPlainAvroBinary() throws IOException {
    // Given a registry that already holds two other schemas, so the id is not 1
    registry.register("other-value", Campaign.getClassSchema());
    registry.register("other2-value", FairSale.getClassSchema());
    TradeInOrder order = TestRecords.tradeInOrder();

    // When the order is serialized
    byte[] bytes;
    try (AvroWireSerde<TradeInOrder> serde =
        AvroWireSerde.forType(TradeInOrder.class, config, false)) {
      bytes = serde.serializer().serialize("tradein-orders", order);
    }

    // Then byte 0 is 0, bytes 1-4 the registered id big-endian, the rest plain Avro binary
    int id = registry.lookup("tradein-orders-value", TradeInOrder.getClassSchema()).id();
    assertThat(id).isEqualTo(3);
    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(order));
  }

  @Test
  void oneSerializerWritesSeveralRecordTypesToSeveralTopics() {
    // Given one serializer for any SpecificRecord, as a KafkaProducer<String, SpecificRecord> uses
    try (AvroWireSerializer<SpecificRecord> serializer = new AvroWireSerializer<>();
        AvroWireDeserializer<Campaign> campaigns = new AvroWireDeserializer<>(Campaign.class);
        AvroWireDeserializer<TradeInOrder> orders =
            new AvroWireDeserializer<>(TradeInOrder.class)) {
      serializer.configure(config, false);
      campaigns.configure(config, false);
      orders.configure(config, false);

      // When it writes a campaign and an order to their topics
      byte[] campaignBytes = serializer.serialize("campaigns", TestRecords.campaign());
      byte[] orderBytes = serializer.serialize("tradein-orders", TestRecords.tradeInOrder());

      // Then each topic has its own subject and id, and both read back
      int campaignId = registry.latest("campaigns-value").id();
      int orderId = registry.latest("tradein-orders-value").id();
      assertThat(campaignId).isNotEqualTo(orderId);
      assertThat(WireFormat.readSchemaId(campaignBytes)).isEqualTo(campaignId);
      assertThat(WireFormat.readSchemaId(orderBytes)).isEqualTo(orderId);
      assertThat(campaigns.deserialize("campaigns", campaignBytes))
          .isEqualTo(TestRecords.campaign());
      assertThat(orders.deserialize("tradein-orders", orderBytes))
          .isEqualTo(TestRecords.tradeInOrder());
    }
  }

  @Test
  void keySerdeRegistersUnderTheKeySubject() {
    // Given a serde configured for keys
    try (AvroWireSerde<Campaign> serde = AvroWireSerde.forType(Campaign.class, config, true)) {
      // When a record is serialized
      serde.serializer().serialize("campaigns", TestRecords.campaign());
    }

    // Then the subject is <topic>-key, and nothing was registered as value
    assertThat(registry.latest("campaigns-key").schema()).isEqualTo(Campaign.getClassSchema());
    assertThat(registry.isCompatible("campaigns-value", Campaign.getClassSchema())).isTrue();
    assertThatThrownBy(() -> registry.latest("campaigns-value"))
        .hasMessageContaining("40401");
  }

  @Test
  void nullIsATombstoneBothWays() {
    try (AvroWireSerde<Campaign> serde = AvroWireSerde.forType(Campaign.class, config, false)) {
      // When / Then
      assertThat(serde.serializer().serialize("campaigns", null)).isNull();
      assertThat(serde.deserializer().deserialize("campaigns", (byte[]) null)).isNull();
    }
  }

  @Test
  void dataWrittenWithAnOlderSchemaIsReadIntoTheCurrentClass() throws IOException {
    // Given orders written by an older producer whose schema had no 'street' field
    Schema v1 = withoutField(TradeInOrder.getClassSchema(), "street");
    int v1Id = registry.register("tradein-orders-value", v1);
    GenericRecord old = new GenericRecordBuilder(v1)
        .set("orderId", "o-1").set("version", 1).set("campaignId", "c-1")
        .set("category", new GenericData.EnumSymbol(v1.getField("category").schema(), "AUTO"))
        .set("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "SUBMITTED"))
        .set("purchaseAmountFen", 10_000L).set("subsidyAmountFen", 1_500L)
        .set("merchantId", "m-1").set("eventTime", TestRecords.T0.toEpochMilli())
        .build();
    byte[] payload = wire(v1Id, v1, old);

    // When a consumer on the current schema reads it
    TradeInOrder order;
    try (AvroWireSerde<TradeInOrder> serde =
        AvroWireSerde.forType(TradeInOrder.class, config, false)) {
      order = serde.deserializer().deserialize("tradein-orders", payload);
    }

    // Then the known fields are kept and the new field takes its default
    assertThat(order.getOrderId()).isEqualTo("o-1");
    assertThat(order.getCategory()).isEqualTo(Category.AUTO);
    assertThat(order.getPurchaseAmountFen()).isEqualTo(10_000L);
    assertThat(order.getEventTime()).isEqualTo(TestRecords.T0);
    assertThat(order.getStreet()).isNull();
  }

  @Test
  void payloadsOfOldAndNewWriterSchemasInterleaveOnOneDeserializer() throws IOException {
    // Given a topic holding orders of the old schema (no 'street') and of the current one
    Schema v1 = withoutField(TradeInOrder.getClassSchema(), "street");
    int v1Id = registry.register("tradein-orders-value", v1);
    GenericRecord old = new GenericRecordBuilder(v1)
        .set("orderId", "o-old").set("version", 1).set("campaignId", "c-1")
        .set("category", new GenericData.EnumSymbol(v1.getField("category").schema(), "DIGITAL"))
        .set("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "PAID"))
        .set("purchaseAmountFen", 1L).set("subsidyAmountFen", 0L)
        .set("merchantId", "m-1").set("eventTime", 0L)
        .build();
    byte[] oldBytes = wire(v1Id, v1, old);

    try (AvroWireSerde<TradeInOrder> serde =
        AvroWireSerde.forType(TradeInOrder.class, config, false)) {
      byte[] newBytes = serde.serializer().serialize("tradein-orders", TestRecords.tradeInOrder());
      assertThat(WireFormat.readSchemaId(newBytes)).isNotEqualTo(v1Id);

      // When one deserializer reads them alternately
      for (int i = 0; i < 3; i++) {
        TradeInOrder fromOld = serde.deserializer().deserialize("tradein-orders", oldBytes);
        TradeInOrder fromNew = serde.deserializer().deserialize("tradein-orders", newBytes);

        // Then each is resolved with its own writer schema
        assertThat(fromOld.getOrderId()).isEqualTo("o-old");
        assertThat(fromOld.getCategory()).isEqualTo(Category.DIGITAL);
        assertThat(fromOld.getStreet()).isNull();
        assertThat(fromNew).isEqualTo(TestRecords.tradeInOrder());
      }
    }
  }

  @Test
  void totalsWrittenBeforeTheBreakdownFieldsGetTheirDefaults() throws IOException {
    // Given totals written with a schema lacking the later breakdown fields
    Schema v1 = withoutField(withoutField(withoutField(withoutField(withoutField(
        CampaignTotals.getClassSchema(), "pendingOrders"), "orderConsumptionFen"),
        "fairSalesFen"), "fairSales"), "lastEventTime");
    int v1Id = registry.register("campaign-totals-value", v1);
    GenericRecord old = new GenericRecordBuilder(v1)
        .set("campaignId", "c-1").set("orders", 5L).set("consumptionFen", 900L)
        .set("subsidyFen", 100L).set("pendingSubsidyFen", 20L).set("visitors", 7L)
        .build();

    // When read into the current class
    CampaignTotals totals;
    try (AvroWireSerde<CampaignTotals> serde =
        AvroWireSerde.forType(CampaignTotals.class, config, false)) {
      totals = serde.deserializer().deserialize("campaign-totals", wire(v1Id, v1, old));
    }

    // Then the old values are kept and the added fields are 0 / null
    assertThat(totals.getOrders()).isEqualTo(5L);
    assertThat(totals.getVisitors()).isEqualTo(7L);
    assertThat(totals.getPendingOrders()).isZero();
    assertThat(totals.getFairSales()).isZero();
    assertThat(totals.getLastEventTime()).isNull();
  }

  @Test
  void aNewerWritersExtraFieldIsIgnoredAndUnknownCategoryBecomesOther() throws IOException {
    // Given a sale written by a newer producer: an extra field and a new Category symbol
    Schema newer = new Schema.Parser().parse("""
        {"type":"record","name":"FairSale","namespace":"io.campaignpulse.avro","fields":[
          {"name":"saleId","type":"string"},
          {"name":"fairId","type":"string"},
          {"name":"campaignId","type":"string"},
          {"name":"merchantId","type":"string"},
          {"name":"category","type":{"type":"enum","name":"Category",
             "symbols":["AUTO","HOME_APPLIANCE","HOME_FURNISHING","DIGITAL","E_BIKE","OTHER","BOOKS"],
             "default":"OTHER"}},
          {"name":"amountFen","type":"long"},
          {"name":"eventTime","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"paymentChannel","type":"string","default":"cash"}]}""");
    int id = registry.register("fair-sales-value", newer);
    GenericRecord sale = new GenericRecordBuilder(newer)
        .set("saleId", "s-1").set("fairId", "f-1").set("campaignId", "c-1")
        .set("merchantId", "m-1")
        .set("category", new GenericData.EnumSymbol(newer.getField("category").schema(), "BOOKS"))
        .set("amountFen", 4_200L).set("eventTime", TestRecords.T0.toEpochMilli())
        .set("paymentChannel", "wechat")
        .build();

    // When read into the current class
    FairSale read;
    try (AvroWireSerde<FairSale> serde = AvroWireSerde.forType(FairSale.class, config, false)) {
      read = serde.deserializer().deserialize("fair-sales", wire(id, newer, sale));
    }

    // Then the extra field is dropped and the unknown symbol maps to the enum default
    assertThat(read.getSaleId()).isEqualTo("s-1");
    assertThat(read.getAmountFen()).isEqualTo(4_200L);
    assertThat(read.getCategory()).isEqualTo(Category.OTHER);
  }

  @Test
  void producerAndConsumerOnTheSameMockScopeShareIds() {
    // Given two independently configured serdes on the same mock:// scope
    try (AvroWireSerde<FairSale> producerSide =
            AvroWireSerde.forType(FairSale.class, config, false);
        AvroWireSerde<FairSale> consumerSide =
            AvroWireSerde.forType(FairSale.class, config, false)) {
      // When one writes and the other reads
      byte[] bytes = producerSide.serializer().serialize("fair-sales", TestRecords.fairSale());

      // Then the reader resolves the writer's id
      assertThat(consumerSide.deserializer().deserialize("fair-sales", bytes))
          .isEqualTo(TestRecords.fairSale());
    }
  }

  @SuppressWarnings("unchecked")
  private AvroWireSerde<SpecificRecord> serdeFor(SpecificRecord record) {
    Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
    return AvroWireSerde.forType(type, config, false);
  }

  private static byte[] plainAvro(SpecificRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema(),
        SpecificData.getForClass(record.getClass())).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** Confluent wire format bytes of a generic record, written independently of the serializer. */
  static byte[] wire(int id, Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** A copy of a record schema without one field (an "older" version of it). */
  static Schema withoutField(Schema schema, String field) {
    Schema copy = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(),
        false, schema.getFields().stream()
            .filter(f -> !f.name().equals(field))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList());
    return new Schema.Parser().parse(copy.toString());
  }
}
