package io.campaignpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.PoisonPills.Pill;
import io.campaignpulse.streams.decode.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Dead letters as read back, matched to the malformed records that were sent by where those landed. */
public final class DeadLetters {

  private DeadLetters() {
  }

  /** Where a record landed: topic, partition, offset. */
  public record Origin(String topic, int partition, long offset) {
  }

  /** A dead letter: the origin its headers name, its key, value and reason. */
  public record Letter(Origin origin, String key, byte[] value, String reason) {

    public static Letter of(Headers headers, String key, byte[] value) {
      return new Letter(new Origin(header(headers, DeadLetterHeaders.SOURCE_TOPIC),
          Integer.parseInt(header(headers, DeadLetterHeaders.SOURCE_PARTITION)),
          Long.parseLong(header(headers, DeadLetterHeaders.SOURCE_OFFSET))),
          key, value, header(headers, DeadLetterHeaders.REASON));
    }
  }

  /**
   * Asserts that the letters are the sent records, each exactly once, with the key and value bytes it was sent
   * with and a reason.
   */
  public static void assertEachOnceAsSent(Map<Origin, Pill> sent, List<Letter> letters) {
    Map<Origin, Letter> byOrigin = new HashMap<>();
    for (Letter letter : letters) {
      assertThat(byOrigin.put(letter.origin(), letter)).as("second dead letter from %s", letter.origin()).isNull();
    }
    assertThat(byOrigin.keySet()).isEqualTo(sent.keySet());
    sent.forEach((origin, pill) -> {
      Letter letter = byOrigin.get(origin);
      assertThat(letter.value()).as("%s", pill).isEqualTo(pill.value());
      assertThat(letter.key()).as("%s", pill).isEqualTo(pill.key());
      assertThat(letter.reason()).as("%s", pill).isNotBlank();
    });
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
