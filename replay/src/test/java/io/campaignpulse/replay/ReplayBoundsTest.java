package io.campaignpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How a replay measures its progress against its bounds, and which ids and ranges it accepts. */
class ReplayBoundsTest {

  private static final TopicPartition O0 = new TopicPartition("tradein-orders", 0);
  private static final TopicPartition O1 = new TopicPartition("tradein-orders", 1);
  private static final TopicPartition C0 = new TopicPartition("campaigns", 0);

  private final ReplayBounds bounds = new ReplayBounds(Map.of(O0, 100L, O1, 0L, C0, 5L),
      Map.of(O0, 300L, O1, 50L, C0, 5L));

  @Test
  void countsWhatIsBetweenTheStartAndTheEndOfEachPartition() {
    assertThat(bounds.total()).isEqualTo(200 + 50);
    assertThat(bounds.partitionCounts()).containsExactly(Map.entry("campaigns", 1), Map.entry("tradein-orders", 2));
  }

  @Test
  void progressIsTheCommittedPartOfEachRangeAndAnOffsetPastTheEndCountsAsTheEnd() {
    assertThat(bounds.done(Map.of())).isZero();
    assertThat(bounds.reached(Map.of())).as("nothing committed yet").isFalse();
    assertThat(bounds.done(Map.of(O0, 150L))).isEqualTo(50);
    assertThat(bounds.done(Map.of(O0, 400L, O1, 50L))).as("records that arrived later do not count").isEqualTo(250);
    assertThat(bounds.reached(Map.of(O0, 300L, O1, 49L))).isFalse();
    // a partition with nothing to read (start = end) is reached without a commit
    assertThat(bounds.reached(Map.of(O0, 301L, O1, 50L))).isTrue();
  }

  @Test
  void aReplayIdNamesTopicsSafelyAndARangeMustNotBeEmpty() {
    assertThat(new ReplayRequest("spring-2024", java.util.Set.of(), null, null, java.util.List.of(), false).prefix())
        .isEqualTo("campaign-pulse-replay.spring-2024.");
    assertThat(ReplayRequest.newId()).matches("[a-z0-9][a-z0-9-]{0,39}");
    assertThatThrownBy(() -> new ReplayRequest("Spring.2024", java.util.Set.of(), null, null, java.util.List.of(),
        false)).hasMessageContaining("lower-case");
    java.time.Instant t = java.time.Instant.parse("2024-05-01T00:00:00Z");
    assertThatThrownBy(() -> new ReplayRequest("a", java.util.Set.of(), t, t, java.util.List.of(), false))
        .hasMessageContaining("is not before");
  }
}
