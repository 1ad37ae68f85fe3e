package io.campaignpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outcome's timings: start-up (to RUNNING) and the rest. */
class ReplayOutcomeTest {

  private static Replay.Outcome outcome(Duration elapsed, Duration toRunning) {
    return new Replay.Outcome(null, null, new ReplayCounts(10, 0, 0, 0, 0), 10, elapsed, Map.of("orders", 6),
        toRunning);
  }

  @Test
  void afterStartupIsTheElapsedTimeFromRunning() {
    Replay.Outcome o = outcome(Duration.ofMillis(4_500), Duration.ofMillis(1_200));
    assertThat(o.afterStartup()).isEqualTo(Duration.ofMillis(3_300));
    assertThat(o.toRunning()).isEqualTo(Duration.ofMillis(1_200));
  }

  @Test
  void noStartupFigureWhenTheRunNeverReachedRunning() {
    assertThat(outcome(Duration.ofSeconds(2), null).afterStartup()).isNull();
  }
}
