package io.campaignpulse.streams.aggregate;

import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.CampaignCountsSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal binary format of {@link AggregateDelta} on the repartition topics: a format byte, the family code,
 * the dimension's length and UTF-8 bytes, then the counts in {@link CampaignCountsSerde}'s format.
 */
public final class AggregateDeltaSerde implements Serde<AggregateDelta> {

  private static final byte FORMAT_V1 = 1;
  private final CampaignCountsSerde counts = new CampaignCountsSerde();

  @Override
  public Serializer<AggregateDelta> serializer() {
    Serializer<CampaignCounts> countsSerializer = counts.serializer();
    return (topic, d) -> {
      if (d == null) {
        return null;
      }
      byte[] dim = d.dimension().getBytes(StandardCharsets.UTF_8);
      byte[] c = countsSerializer.serialize(topic, d.counts());
      return ByteBuffer.allocate(2 + Integer.BYTES + dim.length + c.length)
          .put(FORMAT_V1).put((byte) d.family().code()).putInt(dim.length).put(dim).put(c).array();
    };
  }

  @Override
  public Deserializer<AggregateDelta> deserializer() {
    Deserializer<CampaignCounts> countsDeserializer = counts.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != FORMAT_V1) {
          throw new SerializationException("not an AggregateDelta v1 record");
        }
        Family family = Family.ofCode((char) b.get());
        int length = b.getInt();
        String dim = new String(bytes, b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        byte[] c = new byte[b.remaining()];
        b.get(c);
        return new AggregateDelta(family, dim, countsDeserializer.deserialize(topic, c));
      } catch (RuntimeException e) {
        if (e instanceof SerializationException s) {
          throw s;
        }
        throw new SerializationException("corrupt AggregateDelta record (" + bytes.length + " bytes)", e);
      }
    };
  }
}
