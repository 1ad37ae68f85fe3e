package io.campaignpulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new Random(42));

  @Test
  void ceilingDoublesFromInitialUpToMax() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.ceiling(8)).isEqualTo(Duration.ofMillis(25_600));
    assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.ceiling(64)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fullJitterStaysWithinZeroAndTheCeilingAndSpreads() {
    Set<Long> seen = new HashSet<>();
    for (int attempt = 1; attempt <= 40; attempt++) {
      for (int i = 0; i < 50; i++) {
        Duration delay = backoff.delay(attempt);
        assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(attempt));
        seen.add(delay.toMillis());
      }
    }
    assertThat(seen).hasSizeGreaterThan(500);
  }

  @Test
  void sameSeedSameWaits() {
    Backoff a = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new Random(7));
    Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new Random(7));
    for (int attempt = 1; attempt <= 20; attempt++) {
      assertThat(a.delay(attempt)).isEqualTo(b.delay(attempt));
    }
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
