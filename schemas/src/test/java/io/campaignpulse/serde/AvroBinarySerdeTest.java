package io.campaignpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.BudgetAlert;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroBinarySerdeTest {

  private final AvroBinarySerde<BudgetAlert> serde = new AvroBinarySerde<>(BudgetAlert.class);

  @Test
  void roundTripsEveryFieldWithoutARegistryOrTrustedPackages() {
    BudgetAlert alert = TestRecords.budgetAlert();
    byte[] bytes = serde.serializer().serialize("store", alert);
    assertThat(bytes[0]).as("plain Avro binary: no magic byte, no schema id").isNotEqualTo((byte) 0);
    assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(alert);
  }

  @Test
  void nullIsNull() {
    assertThat(serde.serializer().serialize("store", null)).isNull();
    assertThat(serde.deserializer().deserialize("store", null)).isNull();
  }

  @Test
  void truncatedOrPaddedBytesAreRejected() {
    byte[] bytes = serde.serializer().serialize("store", TestRecords.budgetAlert());
    assertThatThrownBy(() -> serde.deserializer().deserialize("store", Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize("store", Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
  }
}
