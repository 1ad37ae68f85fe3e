package io.campaignpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

  @Test
  void headerIsMagicByteThenBigEndianSchemaId() {
    // Given a schema id whose four bytes all differ
    int id = 0x01020304;

    // When the header is written
    byte[] header = WireFormat.header(id);

    // Then it is 0x00 followed by the id, most significant byte first
    assertThat(header).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 255, 256, 65_536, 0x7f_ff_ff_ff, 0x80_00_00_01})
  void readingAHeaderGivesBackTheIdWritten(int id) {
    // Given a payload with a header and a body
    byte[] payload = new byte[WireFormat.HEADER_SIZE + 2];
    WireFormat.writeHeader(payload, 0, id);

    // When / Then the id is read back, from bytes and from a buffer
    assertThat(WireFormat.readSchemaId(payload)).isEqualTo(id);
    assertThat(WireFormat.readSchemaId(ByteBuffer.wrap(payload))).isEqualTo(id);
  }

  @Test
  void readingFromABufferIgnoresItsByteOrderAndKeepsItsPosition() {
    // Given a little-endian buffer positioned at a header in the middle of an array
    byte[] array = {9, 9, 0x00, 0x00, 0x00, 0x01, 0x02, 42};
    ByteBuffer buffer = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
    buffer.position(2);

    // When the id is read
    int id = WireFormat.readSchemaId(buffer);

    // Then it is the big-endian value and the position did not move
    assertThat(id).isEqualTo(0x0102);
    assertThat(buffer.position()).isEqualTo(2);
  }

  @Test
  void aWrongFirstByteIsRejectedNamingTheByte() {
    // Given a JSON payload
    byte[] json = "{\"orderId\":\"o-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    // When / Then
    assertThatThrownBy(() -> WireFormat.readSchemaId(json))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("not Confluent wire format: first byte 0x7b, expected 0x00");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4})
  void aPayloadShorterThanTheHeaderIsRejected(int length) {
    // Given a payload of zeros shorter than 5 bytes
    byte[] shortPayload = new byte[length];

    // When / Then
    assertThatThrownBy(() -> WireFormat.readSchemaId(shortPayload))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("not Confluent wire format: payload has " + length
            + " bytes, expected at least 5 (magic byte + 4-byte schema id)");
  }

  @Test
  void aNullPayloadIsRejected() {
    // Given no payload at all; When / Then
    assertThatThrownBy(() -> WireFormat.readSchemaId((byte[]) null))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("payload is null");
  }
}
