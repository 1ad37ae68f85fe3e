package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

  private static final Instant HALF_PAST_EIGHT_UTC = Instant.parse("2024-10-01T08:30:00Z");

  @Test
  void readsAnInstantAnOffsetTimeAndEpochMillis() {
    // Given the same moment written three ways; When parsed; Then they are the same instant
    assertThat(EventTimes.parse("eventTime", "2024-10-01T08:30:00Z")).isEqualTo(HALF_PAST_EIGHT_UTC);
    assertThat(EventTimes.parse("eventTime", "2024-10-01T16:30:00+08:00")).isEqualTo(HALF_PAST_EIGHT_UTC);
    assertThat(EventTimes.parse("eventTime", "2024-10-01 16:30:00+08:00")).isEqualTo(HALF_PAST_EIGHT_UTC);
    assertThat(EventTimes.parse("eventTime", Long.toString(HALF_PAST_EIGHT_UTC.toEpochMilli())))
        .isEqualTo(HALF_PAST_EIGHT_UTC);
  }

  @Test
  void dropsPrecisionBelowAMillisecond() {
    // Given nanoseconds; When parsed; Then milliseconds remain, as in the record
    assertThat(EventTimes.parse("eventTime", "2024-10-01T08:30:00.123456789Z"))
        .isEqualTo(Instant.parse("2024-10-01T08:30:00.123Z"));
  }

  @Test
  void refusesATimeWithoutOffset() {
    // Given a local time; When parsed; Then it is refused rather than guessed
    assertThatThrownBy(() -> EventTimes.parse("eventTime", "2024-10-01 16:30:00"))
        .isInstanceOf(RejectedLineException.class).hasMessageContaining("has no offset");
  }

  @Test
  void refusesEpochSeconds() {
    // Given epoch seconds where milliseconds are expected; When parsed; Then the likely mistake is named
    assertThatThrownBy(() -> EventTimes.parse("eventTime", "1727771400"))
        .isInstanceOf(RejectedLineException.class).hasMessageContaining("epoch seconds?");
  }

  @Test
  void refusesGarbageAndAnEmptyValue() {
    // Given values that are no time; When parsed; Then each is refused naming the column
    assertThatThrownBy(() -> EventTimes.parse("eventTime", "2024-13-01T00:00:00Z"))
        .hasMessage("eventTime '2024-13-01T00:00:00Z' is not an ISO-8601 time (2024-10-01T08:30:00Z, "
            + "2024-10-01T16:30:00+08:00) or epoch milliseconds");
    assertThatThrownBy(() -> EventTimes.parse("eventTime", "")).hasMessage("eventTime is missing");
  }
}
