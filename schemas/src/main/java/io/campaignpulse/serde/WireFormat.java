package io.campaignpulse.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0x00}, bytes 1-4 the schema id as a
 * big-endian int, the rest the Avro binary encoding of the record with that schema.
 */
public final class WireFormat {

  /** The first byte of every payload. */
  public static final byte MAGIC_BYTE = 0x00;
  /** Size of the schema id in bytes. */
  public static final int ID_SIZE = 4;
  /** Size of the header (magic byte + schema id) in bytes; the Avro body starts here. */
  public static final int HEADER_SIZE = 1 + ID_SIZE;

  private WireFormat() {
  }

  /** Writes the 5-byte header for {@code schemaId} into {@code target} at {@code offset}. */
  public static void writeHeader(byte[] target, int offset, int schemaId) {
    target[offset] = MAGIC_BYTE;
    target[offset + 1] = (byte) (schemaId >>> 24);
    target[offset + 2] = (byte) (schemaId >>> 16);
    target[offset + 3] = (byte) (schemaId >>> 8);
    target[offset + 4] = (byte) schemaId;
  }

  /** A new 5-byte header for {@code schemaId}. */
  public static byte[] header(int schemaId) {
    byte[] header = new byte[HEADER_SIZE];
    writeHeader(header, 0, schemaId);
    return header;
  }

  /**
   * Validates the header of {@code payload} and returns its schema id.
   *
   * @throws WireFormatException when the payload is null, too short or has the wrong magic byte
   */
  public static int readSchemaId(byte[] payload) {
    if (payload == null) {
      throw new WireFormatException("not Confluent wire format: payload is null");
    }
    return readSchemaId(payload, 0, payload.length);
  }

  /** As {@link #readSchemaId(byte[])} for the {@code length} bytes at {@code offset}. */
  public static int readSchemaId(byte[] payload, int offset, int length) {
    if (length > 0 && payload[offset] != MAGIC_BYTE) {
      throw wrongMagic(payload[offset]);
    }
    if (length < HEADER_SIZE) {
      throw tooShort(length);
    }
    return (payload[offset + 1] & 0xff) << 24 | (payload[offset + 2] & 0xff) << 16
        | (payload[offset + 3] & 0xff) << 8 | payload[offset + 4] & 0xff;
  }

  /**
   * As {@link #readSchemaId(byte[])} for the remaining bytes of {@code payload}; does not move its
   * position.
   */
  public static int readSchemaId(ByteBuffer payload) {
    if (payload == null) {
      throw new WireFormatException("not Confluent wire format: payload is null");
    }
    int start = payload.position();
    int length = payload.remaining();
    if (length > 0 && payload.get(start) != MAGIC_BYTE) {
      throw wrongMagic(payload.get(start));
    }
    if (length < HEADER_SIZE) {
      throw tooShort(length);
    }
    // byte by byte: independent of the buffer's byte order setting
    return (payload.get(start + 1) & 0xff) << 24 | (payload.get(start + 2) & 0xff) << 16
        | (payload.get(start + 3) & 0xff) << 8 | payload.get(start + 4) & 0xff;
  }

  private static WireFormatException wrongMagic(byte first) {
    return new WireFormatException(String.format(
        "not Confluent wire format: first byte 0x%02x, expected 0x%02x", first & 0xff,
        MAGIC_BYTE));
  }

  private static WireFormatException tooShort(int length) {
    return new WireFormatException("not Confluent wire format: payload has " + length
        + " bytes, expected at least " + HEADER_SIZE + " (magic byte + 4-byte schema id)");
  }
}
