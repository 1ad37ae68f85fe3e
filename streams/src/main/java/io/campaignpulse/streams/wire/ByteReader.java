package io.campaignpulse.streams.wire;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads what {@link ByteWriter} wrote. Every read checks the bounds, so truncated or corrupt bytes fail with a
 * {@link SerializationException} naming the position, never with an index error or a huge allocation.
 */
public final class ByteReader {

  private final byte[] buf;
  private int pos;

  public ByteReader(byte[] buf) {
    this.buf = buf;
  }

  public int readByte() {
    need(1);
    return buf[pos++];
  }

  public long readVarLong() {
    long raw = readUnsignedVarLong();
    return (raw >>> 1) ^ -(raw & 1);
  }

  public int readVarInt() {
    long v = readUnsignedVarLong();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw corrupt("bad length " + v);
    }
    return (int) v;
  }

  public String readString() {
    long length = readVarLong();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > buf.length - pos) {
      throw corrupt("bad string length " + length);
    }
    String s = new String(buf, pos, (int) length, StandardCharsets.UTF_8);
    pos += (int) length;
    return s;
  }

  public boolean hasRemaining() {
    return pos < buf.length;
  }

  /** Fails unless every byte was read. */
  public void expectEnd() {
    if (pos != buf.length) {
      throw corrupt((buf.length - pos) + " bytes left over");
    }
  }

  public SerializationException corrupt(String what) {
    return new SerializationException("corrupt internal record at byte " + pos + " of " + buf.length + ": " + what);
  }

  private long readUnsignedVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      byte b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw corrupt("varint longer than 10 bytes");
  }

  private void need(int n) {
    if (buf.length - pos < n) {
      throw corrupt("truncated");
    }
  }
}
