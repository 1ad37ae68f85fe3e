package io.campaignpulse.streams.alerts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal binary format of a {@link SubsidyChange} on the subsidy-changes repartition topic: a format byte,
 * three big-endian longs (event time, granted, pending), then the orderId in UTF-8.
 */
public final class SubsidyChangeSerde implements Serde<SubsidyChange> {

  private static final byte FORMAT_V1 = 1;
  private static final int FIXED = 1 + 3 * Long.BYTES;

  @Override
  public Serializer<SubsidyChange> serializer() {
    return (topic, c) -> {
      if (c == null) {
        return null;
      }
      byte[] id = c.orderId().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(FIXED + id.length).put(FORMAT_V1).putLong(c.eventTime()).putLong(c.grantedFen())
          .putLong(c.pendingFen()).put(id).array();
    };
  }

  @Override
  public Deserializer<SubsidyChange> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < FIXED || bytes[0] != FORMAT_V1) {
        throw new SerializationException("not a SubsidyChange v1 record (" + bytes.length + " bytes)");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
      long eventTime = b.getLong();
      long granted = b.getLong();
      long pending = b.getLong();
      return new SubsidyChange(new String(bytes, FIXED, bytes.length - FIXED, StandardCharsets.UTF_8), eventTime,
          granted, pending);
    };
  }
}
