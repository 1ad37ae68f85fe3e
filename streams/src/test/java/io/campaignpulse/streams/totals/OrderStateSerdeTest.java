package io.campaignpulse.streams.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class OrderStateSerdeTest {

  private final OrderStateSerde serde = new OrderStateSerde();

  @Test
  void roundTripsWithAndWithoutStreet() {
    for (OrderState s : new OrderState[] {
        new OrderState(3, OrderStatus.PAID, "C-1", Category.AUTO, 15_000_000, 2_000_000, "M-1", "七一路街道", 42, true),
        new OrderState(1, OrderStatus.SUBMITTED, "C-2", Category.OTHER, 100, 0, "M-2", null, -1, false)}) {
      assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", s))).isEqualTo(s);
    }
  }

  @Test
  void aStateWrittenBeforeTheSeriesExistedReadsAsNotWindowed() throws IOException {
    // format 1, as the foundation release wrote it: its order never entered an hourly or daily series
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeInt(2);
      out.writeByte(OrderStatus.APPROVED.ordinal());
      out.writeUTF("C-1");
      out.writeByte(Category.HOME_APPLIANCE.ordinal());
      out.writeLong(500_000);
      out.writeLong(75_000);
      out.writeUTF("M-1");
      out.writeBoolean(false);
      out.writeLong(1_000);
    }
    assertThat(serde.deserializer().deserialize("t", bytes.toByteArray())).isEqualTo(new OrderState(2,
        OrderStatus.APPROVED, "C-1", Category.HOME_APPLIANCE, 500_000, 75_000, "M-1", null, 1_000, false));
  }

  @Test
  void aFormatTwoStateStillReadsAndTheCurrentFormatIsSmaller() throws IOException {
    OrderState state = new OrderState(4, OrderStatus.REFUNDED, "TI-2024-07", Category.AUTO, 15_000_000, 2_000_000,
        "M000123", "七一路街道", 1_715_000_000_000L, true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) { // format 2, as releases up to 0.5 wrote it
      out.writeByte(2);
      out.writeInt(state.version());
      out.writeByte(state.status().ordinal());
      out.writeUTF(state.campaignId());
      out.writeByte(state.category().ordinal());
      out.writeLong(state.purchaseAmountFen());
      out.writeLong(state.subsidyAmountFen());
      out.writeUTF(state.merchantId());
      out.writeBoolean(true);
      out.writeUTF(state.street());
      out.writeLong(state.eventTime());
      out.writeBoolean(state.windowed());
    }
    assertThat(serde.deserializer().deserialize("t", bytes.toByteArray())).isEqualTo(state);

    byte[] current = serde.serializer().serialize("t", state);
    assertThat(current[0]).isEqualTo((byte) 3);
    assertThat(current.length).isLessThan(bytes.size() - 10);
  }

  @Test
  void aTruncatedOrDamagedStateIsRefusedNotMisread() {
    byte[] good = serde.serializer().serialize("t",
        new OrderState(2, OrderStatus.PAID, "C-1", Category.AUTO, 100, 10, "M-1", null, 5, true));
    for (int length = 1; length < good.length; length++) {
      byte[] cut = Arrays.copyOf(good, length);
      assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).isInstanceOf(SerializationException.class);
    }
    byte[] badStatus = good.clone();
    badStatus[2] = 99; // the status ordinal follows the format byte and the one-byte version
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", badStatus))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {7}))
        .isInstanceOf(SerializationException.class);
  }
}
