package io.campaignpulse.bench;

import io.campaignpulse.avro.TradeInOrder;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A workload's events as the bytes the pipeline reads, in topic order: key (orderId), Confluent wire-format value
 * written once by the project's serializer against the registry, and timestamp (the event time, as the project's
 * producers set it). A duplicate is the same record, hence the same bytes. Serializing also feeds each event, in the same order,
 * to the reference model.
 */
public final class SerializedOrders {

  private final String[] keys;
  private final byte[][] values;
  private final long[] timestamps;
  private final long keyBytes;
  private final long valueBytes;

  private SerializedOrders(String[] keys, byte[][] values, long[] timestamps, long keyBytes, long valueBytes) {
    this.keys = keys;
    this.values = values;
    this.timestamps = timestamps;
    this.keyBytes = keyBytes;
    this.valueBytes = valueBytes;
  }

  /** Every slot of {@code workload}, serialized for {@code topic}; each event also goes to {@code reference}. */
  public static SerializedOrders of(OrderWorkload workload, Serializer<? super TradeInOrder> serializer, String topic,
      StreamsReference reference) {
    int n = workload.size();
    String[] keys = new String[n];
    byte[][] values = new byte[n][];
    long[] timestamps = new long[n];
    long keyBytes = 0;
    long valueBytes = 0;
    for (int s = 0; s < n; s++) {
      TradeInOrder order = workload.order(s);
      reference.order(order);
      keys[s] = workload.key(s);
      timestamps[s] = workload.eventTimeMs(s);
      values[s] = serializer.serialize(topic, order); // a duplicate's bytes equal its original's
      keyBytes += keys[s].getBytes(StandardCharsets.UTF_8).length;
      valueBytes += values[s].length;
    }
    return new SerializedOrders(keys, values, timestamps, keyBytes, valueBytes);
  }

  public int size() {
    return keys.length;
  }

  public String key(int i) {
    return keys[i];
  }

  public byte[] value(int i) {
    return values[i];
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  public double averageKeyBytes() {
    return keyBytes / (double) keys.length;
  }

  public double averageValueBytes() {
    return valueBytes / (double) keys.length;
  }

  public double averageRecordBytes() {
    return (keyBytes + valueBytes) / (double) keys.length;
  }

  public long totalBytes() {
    return keyBytes + valueBytes;
  }
}
