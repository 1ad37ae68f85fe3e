package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceLinesTest {

  private static List<SourceLine> lines(byte[] bytes) throws IOException {
    SourceLines source = new SourceLines(new ByteArrayInputStream(bytes));
    List<SourceLine> all = new ArrayList<>();
    for (SourceLine line = source.next(); line != null; line = source.next()) {
      all.add(line);
    }
    return all;
  }

  @Test
  void splitsOnLfAndCrlfAndKeepsALastLineWithoutTerminator() throws IOException {
    // Given mixed terminators and no final newline; When split
    List<SourceLine> lines = lines("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8));

    // Then the lines are numbered from 1, without terminators, the blank one kept as blank
    assertThat(lines).extracting(SourceLine::number).containsExactly(1L, 2L, 3L, 4L);
    assertThat(lines).extracting(SourceLine::text).containsExactly("a", "b", "", "c");
    assertThat(lines.get(2).isBlank()).isTrue();
  }

  @Test
  void dropsAUtf8ByteOrderMarkAtTheStart() throws IOException {
    // Given a file starting with a BOM; When split
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "orderId\n七一路街道\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(bom, bom.length + text.length);
    System.arraycopy(text, 0, bytes, bom.length, text.length);

    // Then the first line starts with its first real character
    assertThat(lines(bytes)).extracting(SourceLine::text).containsExactly("orderId", "七一路街道");
  }

  @Test
  void reportsALineThatIsNotUtf8AndReadsOn() throws IOException {
    // Given a GBK-encoded street between two UTF-8 lines
    byte[] gbk = "城关".getBytes(java.nio.charset.Charset.forName("GBK"));
    byte[] bytes = new byte[gbk.length + 4];
    bytes[0] = 'a';
    bytes[1] = '\n';
    System.arraycopy(gbk, 0, bytes, 2, gbk.length);
    bytes[gbk.length + 2] = '\n';
    bytes[gbk.length + 3] = 'b';

    // When split
    List<SourceLine> lines = lines(bytes);

    // Then that line carries a problem and the next one is fine
    assertThat(lines.get(1).problem()).contains("not valid UTF-8", "GBK");
    assertThat(lines.get(2)).isEqualTo(new SourceLine(3, "b", null));
  }

  @Test
  void reportsALineLongerThanTheLimit() throws IOException {
    // Given one line over 1 MiB and a short one after it
    byte[] bytes = new byte[SourceLines.MAX_LINE_BYTES + 10];
    Arrays.fill(bytes, (byte) 'x');
    bytes[bytes.length - 2] = '\n';

    // When split
    List<SourceLine> lines = lines(bytes);

    // Then the long line is a problem with its text cut at the limit, and the next line follows
    assertThat(lines.get(0).problem()).contains("longer than 1 MiB");
    assertThat(lines.get(0).text()).hasSize(SourceLines.MAX_LINE_BYTES);
    assertThat(lines.get(1).text()).isEqualTo("x");
  }
}
