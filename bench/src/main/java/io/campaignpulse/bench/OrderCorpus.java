package io.campaignpulse.bench;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.sim.CampaignSimulator;
import io.campaignpulse.producers.sim.Faults;
import io.campaignpulse.producers.sim.Scenario;
import io.campaignpulse.producers.sim.SimEvent;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.serde.SerdeConfig;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The records a producer benchmark sends, generated in memory before any clock starts: trade-in order status
 * changes from the calibrated simulator (the default scenario, no injected faults), keyed by orderId as the real
 * producer keys them. When one simulated year has fewer orders than asked for, further years with the next seeds
 * follow. Also measures the records' serialized size (key + Confluent wire-format value), which sets the record
 * size of Kafka's tool so both sides move the same bytes.
 */
public final class OrderCorpus {

  private final String[] keys;
  private final TradeInOrder[] values;
  private final long keyBytes;
  private final long valueBytes;

  private OrderCorpus(String[] keys, TradeInOrder[] values, long keyBytes, long valueBytes) {
    this.keys = keys;
    this.values = values;
    this.keyBytes = keyBytes;
    this.valueBytes = valueBytes;
  }

  /** {@code count} order events from the simulator, starting with {@code seed}. */
  public static OrderCorpus generate(int count, long seed) {
    String[] keys = new String[count];
    TradeInOrder[] values = new TradeInOrder[count];
    Scenario scenario = Scenario.defaultScenario().withFaults(Faults.NONE);
    int n = 0;
    for (long s = seed; n < count; s++) {
      Iterator<SimEvent> events = new CampaignSimulator(scenario, s).events();
      while (n < count && events.hasNext()) {
        SimEvent event = events.next();
        if (event.stream() == SimEvent.Stream.ORDERS) {
          keys[n] = event.key();
          values[n] = (TradeInOrder) event.value();
          n++;
        }
      }
    }
    return measured(keys, values);
  }

  private static OrderCorpus measured(String[] keys, TradeInOrder[] values) {
    long keyBytes = 0;
    long valueBytes = 0;
    try (AvroWireSerializer<TradeInOrder> sizer = new AvroWireSerializer<>()) {
      sizer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://bench-record-size"), false);
      for (int i = 0; i < keys.length; i++) {
        keyBytes += keys[i].getBytes(StandardCharsets.UTF_8).length;
        valueBytes += sizer.serialize("bench-record-size", values[i]).length;
      }
    }
    return new OrderCorpus(keys, values, keyBytes, valueBytes);
  }

  public int size() {
    return keys.length;
  }

  public String key(int i) {
    return keys[i];
  }

  public TradeInOrder value(int i) {
    return values[i];
  }

  /** Average key + value bytes per record, as sent (before compression). */
  public double averageRecordBytes() {
    return (keyBytes + valueBytes) / (double) keys.length;
  }

  public double averageKeyBytes() {
    return keyBytes / (double) keys.length;
  }

  public double averageValueBytes() {
    return valueBytes / (double) keys.length;
  }
}
