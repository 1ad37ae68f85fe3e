package io.campaignpulse.streams.totals;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
}
