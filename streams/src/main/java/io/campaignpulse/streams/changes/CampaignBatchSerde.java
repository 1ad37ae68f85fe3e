package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.alerts.SubsidyChange;
import io.campaignpulse.streams.wire.ByteReader;
import io.campaignpulse.streams.wire.ByteWriter;
import io.campaignpulse.streams.wire.CountsCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal binary format of a {@link CampaignBatch} on the repartition topics: a format byte; the number of deltas,
 * each as its family code, dimension and compact counts ({@link CountsCodec}); the number of subsidy changes, each
 * as orderId, event time, granted and pending fen. Numbers are zig-zag varints, strings length-prefixed UTF-8.
 */
public final class CampaignBatchSerde implements Serde<CampaignBatch> {

  private static final int FORMAT_V1 = 1;

  @Override
  public Serializer<CampaignBatch> serializer() {
    return (topic, batch) -> batch == null ? null : encode(batch);
  }

  @Override
  public Deserializer<CampaignBatch> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  static byte[] encode(CampaignBatch batch) {
    ByteWriter out = new ByteWriter(16 + batch.deltas().size() * 24 + batch.subsidyChanges().size() * 24);
    out.writeByte(FORMAT_V1);
    out.writeVarInt(batch.deltas().size());
    for (AggregateDelta d : batch.deltas()) {
      out.writeByte(d.family().code());
      out.writeString(d.dimension());
      CountsCodec.write(out, d.counts());
    }
    out.writeVarInt(batch.subsidyChanges().size());
    for (SubsidyChange c : batch.subsidyChanges()) {
      out.writeString(c.orderId());
      out.writeVarLong(c.eventTime());
      out.writeVarLong(c.grantedFen());
      out.writeVarLong(c.pendingFen());
    }
    return out.toByteArray();
  }

  static CampaignBatch decode(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    try {
      if (in.readByte() != FORMAT_V1) {
        throw new SerializationException("not a CampaignBatch v1 record (" + bytes.length + " bytes)");
      }
      int deltaCount = in.readVarInt();
      List<AggregateDelta> deltas = new ArrayList<>(Math.min(deltaCount, bytes.length));
      for (int i = 0; i < deltaCount; i++) {
        Family family = Family.ofCode((char) in.readByte());
        String dimension = in.readString();
        if (dimension == null) {
          throw in.corrupt("missing dimension");
        }
        deltas.add(new AggregateDelta(family, dimension, CountsCodec.read(in)));
      }
      int changeCount = in.readVarInt();
      List<SubsidyChange> changes = new ArrayList<>(Math.min(changeCount, bytes.length));
      for (int i = 0; i < changeCount; i++) {
        String orderId = in.readString();
        if (orderId == null) {
          throw in.corrupt("missing orderId");
        }
        changes.add(new SubsidyChange(orderId, in.readVarLong(), in.readVarLong(), in.readVarLong()));
      }
      in.expectEnd();
      return new CampaignBatch(deltas, changes);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("corrupt CampaignBatch record (" + bytes.length + " bytes)", e);
    }
  }
}
