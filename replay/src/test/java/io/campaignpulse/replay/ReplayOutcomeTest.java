package io.campaignpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outcome's timings: start-up (to RUNNING) and the rest; a replay's analytics settings. */
class ReplayOutcomeTest {

  private static Replay.Outcome outcome(Duration elapsed, Duration toRunning) {
    return new Replay.Outcome(null, null, new ReplayCounts(10, 0, 0, 0, 0), 10, elapsed, Map.of("orders", 6),
        toRunning, ReplayFiles.NONE, Map.of());
  }

  @Test
  void afterStartupIsTheElapsedTimeFromRunning() {
    Replay.Outcome o = outcome(Duration.ofMillis(4_500), Duration.ofMillis(1_200));
    assertThat(o.afterStartup()).isEqualTo(Duration.ofMillis(3_300));
    assertThat(o.toRunning()).isEqualTo(Duration.ofMillis(1_200));
  }

  @Test
  void replaysEmitAndCommitAtLeastEveryQuarterSecondInMemory() {
    AnalyticsSettings live = AnalyticsSettings.defaults();
    AnalyticsSettings replay = Replay.analytics(live);
    assertThat(replay.emitInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(replay.inMemoryStores()).isTrue();
    assertThat(replay.zone()).isEqualTo(live.zone());
    assertThat(replay.grace()).isEqualTo(live.grace());
    AnalyticsSettings slow = new AnalyticsSettings(live.zone(), live.grace(), Duration.ofSeconds(5));
    assertThat(Replay.analytics(slow).emitInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void noStartupFigureWhenTheRunNeverReachedRunning() {
    assertThat(outcome(Duration.ofSeconds(2), null).afterStartup()).isNull();
  }
}
