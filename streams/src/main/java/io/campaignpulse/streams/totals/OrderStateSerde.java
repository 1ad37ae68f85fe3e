package io.campaignpulse.streams.totals;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.streams.wire.ByteReader;
import io.campaignpulse.streams.wire.ByteWriter;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal binary format of {@link OrderState} for the latest-version store and its changelog. Format 3 (written
 * now) is varints and UTF-8 strings ({@link ByteWriter}), about a quarter smaller than formats 1 and 2, which were
 * fixed-width ({@code DataOutputStream}); all three read. Format 2 added the windowed flag; a format-1 state
 * (written before the series existed) reads as not windowed, which is true: its order never entered a series.
 */
public final class OrderStateSerde implements Serde<OrderState> {

  private static final byte FORMAT_V1 = 1;
  private static final byte FORMAT_V2 = 2;
  private static final byte FORMAT_V3 = 3;
  private static final OrderStatus[] STATUSES = OrderStatus.values();
  private static final Category[] CATEGORIES = Category.values();

  @Override
  public Serializer<OrderState> serializer() {
    return (topic, s) -> {
      if (s == null) {
        return null;
      }
      ByteWriter out = new ByteWriter(64);
      out.writeByte(FORMAT_V3)
          .writeVarLong(s.version())
          .writeByte(s.status().ordinal())
          .writeString(s.campaignId())
          .writeByte(s.category().ordinal())
          .writeVarLong(s.purchaseAmountFen())
          .writeVarLong(s.subsidyAmountFen())
          .writeString(s.merchantId())
          .writeString(s.street())
          .writeVarLong(s.eventTime())
          .writeByte(s.windowed() ? 1 : 0);
      return out.toByteArray();
    };
  }

  @Override
  public Deserializer<OrderState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == FORMAT_V3) {
        return readV3(bytes);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        byte format = in.readByte();
        if (format != FORMAT_V1 && format != FORMAT_V2) {
          throw new SerializationException("unknown order state format " + format);
        }
        int version = in.readInt();
        OrderStatus status = STATUSES[in.readByte()];
        String campaignId = in.readUTF();
        Category category = CATEGORIES[in.readByte()];
        long purchase = in.readLong();
        long subsidy = in.readLong();
        String merchantId = in.readUTF();
        String street = in.readBoolean() ? in.readUTF() : null;
        long eventTime = in.readLong();
        boolean windowed = format == FORMAT_V2 && in.readBoolean();
        return new OrderState(version, status, campaignId, category, purchase, subsidy, merchantId, street, eventTime,
            windowed);
      } catch (IOException e) {
        throw new SerializationException("cannot decode order state", e);
      }
    };
  }

  private static OrderState readV3(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    in.readByte();
    long version = in.readVarLong();
    int status = in.readByte();
    String campaignId = in.readString();
    int category = in.readByte();
    long purchase = in.readVarLong();
    long subsidy = in.readVarLong();
    String merchantId = in.readString();
    String street = in.readString();
    long eventTime = in.readVarLong();
    int windowed = in.readByte();
    in.expectEnd();
    if (version < Integer.MIN_VALUE || version > Integer.MAX_VALUE || status < 0 || status >= STATUSES.length
        || category < 0 || category >= CATEGORIES.length || campaignId == null || merchantId == null
        || windowed < 0 || windowed > 1) {
      throw in.corrupt("order state");
    }
    return new OrderState((int) version, STATUSES[status], campaignId, CATEGORIES[category], purchase, subsidy,
        merchantId, street, eventTime, windowed == 1);
  }
}
