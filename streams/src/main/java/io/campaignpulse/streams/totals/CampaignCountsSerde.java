package io.campaignpulse.streams.totals;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal binary format of {@link CampaignCounts} for repartition topics, stores and changelogs: a format
 * byte then nine big-endian longs. Never leaves the pipeline; the format byte lets it evolve.
 */
public final class CampaignCountsSerde implements Serde<CampaignCounts> {

  private static final byte FORMAT_V1 = 1;
  private static final int SIZE = 1 + 9 * Long.BYTES;

  @Override
  public Serializer<CampaignCounts> serializer() {
    return (topic, c) -> {
      if (c == null) {
        return null;
      }
      return ByteBuffer.allocate(SIZE).put(FORMAT_V1)
          .putLong(c.orders()).putLong(c.pendingOrders()).putLong(c.orderConsumptionFen())
          .putLong(c.subsidyFen()).putLong(c.pendingSubsidyFen()).putLong(c.fairSales())
          .putLong(c.fairSalesFen()).putLong(c.visitors()).putLong(c.lastEventTime())
          .array();
    };
  }

  @Override
  public Deserializer<CampaignCounts> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length != SIZE || bytes[0] != FORMAT_V1) {
        throw new SerializationException("not a CampaignCounts v1 record (" + bytes.length + " bytes)");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes, 1, SIZE - 1);
      return new CampaignCounts(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
          b.getLong(), b.getLong(), b.getLong());
    };
  }
}
