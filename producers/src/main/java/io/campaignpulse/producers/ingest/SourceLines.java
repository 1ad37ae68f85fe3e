package io.campaignpulse.producers.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines, one at a time, so a file of any size streams through a fixed amount of memory.
 * Lines end with LF or CRLF; the last may have no terminator. Each line is decoded strictly as UTF-8: a line that
 * is not (a GBK export, say) comes with a problem instead of silently wrong characters. A UTF-8 byte order mark
 * at the start of the file is dropped. A line longer than {@link #MAX_LINE_BYTES} is a problem too (its text is
 * cut), which bounds memory on a file that is not text at all.
 */
public final class SourceLines {

  /** The longest line accepted: 1 MiB. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int length;
  private boolean overflow;
  private long number;
  private boolean eof;

  public SourceLines(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the input. */
  public SourceLine next() throws IOException {
    length = 0;
    overflow = false;
    while (true) {
      if (position == limit) {
        if (eof || !fill()) {
          eof = true;
          if (length == 0 && !overflow) {
            return null;
          }
          return finish();
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position - start);
      if (position < limit) {
        position++; // the LF
        return finish();
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    while (n == 0) {
      n = in.read(buffer);
    }
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private void append(int from, int count) {
    int room = MAX_LINE_BYTES - length;
    if (count > room) {
      overflow = true;
      count = room;
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + count)));
    }
    System.arraycopy(buffer, from, line, length, count);
    length += count;
  }

  private SourceLine finish() {
    number++;
    int from = 0;
    int end = length;
    if (number == 1 && end >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
      from = 3;
    }
    if (end > from && line[end - 1] == '\r' && !overflow) {
      end--;
    }
    String problem = overflow ? "line is longer than " + (MAX_LINE_BYTES >> 20) + " MiB" : null;
    String text;
    try {
      text = decoder.reset().decode(ByteBuffer.wrap(line, from, end - from)).toString();
    } catch (CharacterCodingException e) {
      text = new String(line, from, end - from, StandardCharsets.UTF_8);
      if (problem == null) {
        problem = "line is not valid UTF-8 (a GBK export? convert the file with iconv -f GBK -t UTF-8)";
      }
    }
    if (line.length > 1 << 16) {
      line = new byte[256]; // do not keep one huge line's buffer for the rest of the file
    }
    return new SourceLine(number, text, problem);
  }
}
