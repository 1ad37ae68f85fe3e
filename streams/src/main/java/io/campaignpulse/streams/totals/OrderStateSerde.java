package io.campaignpulse.streams.totals;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal binary format of {@link OrderState} for the latest-version store and its changelog. Format 2 adds
 * the windowed flag; a format-1 state (written before the series existed) reads as not windowed, which is true:
 * its order never entered a series.
 */
public final class OrderStateSerde implements Serde<OrderState> {

  private static final byte FORMAT_V1 = 1;
  private static final byte FORMAT_V2 = 2;
  private static final OrderStatus[] STATUSES = OrderStatus.values();
  private static final Category[] CATEGORIES = Category.values();

  @Override
  public Serializer<OrderState> serializer() {
    return (topic, s) -> {
      if (s == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(FORMAT_V2);
        out.writeInt(s.version());
        out.writeByte(s.status().ordinal());
        out.writeUTF(s.campaignId());
        out.writeByte(s.category().ordinal());
        out.writeLong(s.purchaseAmountFen());
        out.writeLong(s.subsidyAmountFen());
        out.writeUTF(s.merchantId());
        out.writeBoolean(s.street() != null);
        if (s.street() != null) {
          out.writeUTF(s.street());
        }
        out.writeLong(s.eventTime());
        out.writeBoolean(s.windowed());
      } catch (IOException e) {
        throw new SerializationException("cannot encode order state", e);
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<OrderState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
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
}
