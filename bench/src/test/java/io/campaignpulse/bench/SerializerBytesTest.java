package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.AlertKind;
import io.campaignpulse.avro.AlertTrigger;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.sim.CampaignSimulator;
import io.campaignpulse.producers.sim.Scenario;
import io.campaignpulse.producers.sim.SimEvent;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.serde.SerdeConfig;
import io.campaignpulse.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark measures {@link AvroWireSerializer}'s compiled encoding of flat records: these tests hold it to
 * the bytes Avro's own {@link SpecificDatumWriter} writes, for a simulated stretch of every event stream and for
 * edge values, and to Avro's errors.
 */
class SerializerBytesTest {

  private final AvroWireSerializer<SpecificRecord> serializer = new AvroWireSerializer<>();

  SerializerBytesTest() {
    serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://bytes-" + UUID.randomUUID()), false);
  }

  @AfterEach
  void close() {
    serializer.close();
  }

  @Test
  void simulatedEventsOfEveryStreamAreAvrosBytes() {
    Iterator<SimEvent> events = new CampaignSimulator(Scenario.defaultScenario().scaled(0.05), 11).events();
    int[] perStream = new int[SimEvent.Stream.values().length];
    for (int i = 0; i < 20_000 && events.hasNext(); i++) {
      SimEvent event = events.next();
      if (!event.isMalformed()) {
        assertAvroBytes(event.value());
        perStream[event.stream().ordinal()]++;
      }
    }
    assertThat(perStream).doesNotContain(0);
  }

  @Test
  void edgeValuesAreAvrosBytes() {
    assertAvroBytes(order("TI-Ω-订单", Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, null));
    assertAvroBytes(order("", Integer.MAX_VALUE, 0, -1, ""));
    assertAvroBytes(order("x".repeat(5000), 1, 63, 64, "人和街道".repeat(300)));
    assertAvroBytes(order("TI-1", -64, -65, 8191, "\uD800 lone surrogate"));
  }

  @Test
  void nullableStringAndOtherRecordsAreAvrosBytes() {
    BudgetAlert alert = BudgetAlert.newBuilder().setAlertId("A-1").setCampaignId("C-1").setKind(AlertKind.EXPOSURE)
        .setThresholdPercent(80).setSubsidyFen(8_000).setBudgetFen(10_000).setEventTime(Instant.ofEpochMilli(-1))
        .setOrderId(null).setEmittedAt(Instant.ofEpochMilli(Long.MAX_VALUE)).setCrossing(2)
        .setTrigger(AlertTrigger.BUDGET_CHANGE).setPendingSubsidyFen(-1).setProjectedExhaustion(null).build();
    assertAvroBytes(alert);
    alert.setOrderId("TI-2024-000001");
    alert.setProjectedExhaustion(Instant.ofEpochMilli(1_700_000_000_000L));
    assertAvroBytes(alert);
    // a union over a logical type: written by Avro itself
    assertAvroBytes(CampaignTotals.newBuilder().setCampaignId("C-1").setOrders(1).setConsumptionFen(2)
        .setSubsidyFen(3).setPendingSubsidyFen(4).setVisitors(5).setLastEventTime(Instant.EPOCH).build());
  }

  @Test
  void aValueAvroRefusesFailsAsBeforeAndLaterRecordsAreStillRight() {
    TradeInOrder broken = order("TI-1", 1, 1, 1, null);
    broken.put(0, null); // orderId is not nullable

    assertThatThrownBy(() -> serializer.serialize("TradeInOrder", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Avro encode failed")
        .hasMessageContaining("io.campaignpulse.avro.TradeInOrder");
    assertAvroBytes(order("TI-2", 2, 2, 2, "街道"));
  }

  private static TradeInOrder order(String id, int version, long purchase, long subsidy, String street) {
    return TradeInOrder.newBuilder().setOrderId(id).setVersion(version).setCampaignId("CH-TI-AUTO-2024")
        .setCategory(Category.AUTO).setStatus(OrderStatus.REFUNDED).setPurchaseAmountFen(purchase)
        .setSubsidyAmountFen(subsidy).setMerchantId("M-01").setStreet(street)
        .setEventTime(Instant.ofEpochMilli(1_712_000_000_000L)).build();
  }

  private void assertAvroBytes(SpecificRecord record) {
    byte[] ours = serializer.serialize(record.getSchema().getName(), record); // a topic (subject) per type
    byte[] avro = avroBody(record);
    assertThat(WireFormat.readSchemaId(ours)).isPositive();
    assertThat(Arrays.copyOfRange(ours, WireFormat.HEADER_SIZE, ours.length))
        .as("body of %s", record).isEqualTo(avro);
  }

  private static byte[] avroBody(SpecificRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<>(record.getSchema(), ((SpecificRecordBase) record).getSpecificData())
          .write(record, encoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
