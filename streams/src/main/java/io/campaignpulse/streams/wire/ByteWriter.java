package io.campaignpulse.streams.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array for the pipeline's internal binary formats: bytes, zig-zag variable-length longs (small
 * magnitudes, positive or negative, take one or two bytes) and length-prefixed UTF-8 strings. Read back with
 * {@link ByteReader}.
 */
public final class ByteWriter {

  private byte[] buf;
  private int size;

  public ByteWriter(int initialCapacity) {
    this.buf = new byte[Math.max(16, initialCapacity)];
  }

  public ByteWriter writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  /** A long in zig-zag varint form: 1 byte for -64..63, at most 10. */
  public ByteWriter writeVarLong(long v) {
    return writeUnsignedVarLong((v << 1) ^ (v >> 63));
  }

  /** A non-negative count or length as an unsigned varint. */
  public ByteWriter writeVarInt(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative length: " + v);
    }
    return writeUnsignedVarLong(v);
  }

  /** A string as its UTF-8 length and bytes; null as length -1 (a distinct, one-byte marker). */
  public ByteWriter writeString(String s) {
    if (s == null) {
      return writeVarLong(-1);
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, buf, size, utf8.length);
    size += utf8.length;
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Empties the writer, keeping its capacity. */
  public void reset() {
    size = 0;
  }

  private ByteWriter writeUnsignedVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
