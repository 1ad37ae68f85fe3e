package io.campaignpulse.streams.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.registry.SchemaRegistryException;
import io.campaignpulse.serde.RegistryUnavailableException;
import io.campaignpulse.serde.UnknownSchemaIdException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RegistryWaitTest {

  /** A clock that only moves when the wait sleeps. */
  private final List<Long> sleeps = new ArrayList<>();
  private long now = 1_000_000_000L;
  private final AtomicInteger waits = new AtomicInteger();

  private RegistryWait wait(Duration max) {
    return new RegistryWait(max, millis -> {
      sleeps.add(millis);
      now += millis * 1_000_000;
    }, () -> now);
  }

  private static RegistryUnavailableException unavailable() {
    return new RegistryUnavailableException("cannot resolve schema id 7",
        SchemaRegistryException.unreachable("http://registry", "Connection refused", null));
  }

  /** Fails {@code failures} times with an unavailable registry, then answers {@code answer}. */
  private static Supplier<String> failing(int failures, String answer, AtomicInteger calls) {
    return () -> {
      if (calls.incrementAndGet() <= failures) {
        throw unavailable();
      }
      return answer;
    };
  }

  @Test
  void aRegistryThatAnswersCostsNoWait() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(wait(Duration.ofMinutes(2)).call(failing(0, "decoded", calls), () -> "record", waits::incrementAndGet))
        .isEqualTo("decoded");
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
    assertThat(waits).hasValue(0);
  }

  @Test
  void retriesWithBackoffDoublingToTwoSecondsUntilTheRegistryAnswers() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(wait(Duration.ofMinutes(2)).call(failing(8, "decoded", calls), () -> "record", waits::incrementAndGet))
        .isEqualTo("decoded");
    assertThat(calls).hasValue(9);
    assertThat(sleeps).containsExactly(100L, 200L, 400L, 800L, 1_600L, 2_000L, 2_000L, 2_000L);
    assertThat(waits).as("a record that waits is counted once").hasValue(1);
  }

  @Test
  void givesUpWithTheLastFailureWhenTheWaitIsOver() {
    AtomicInteger calls = new AtomicInteger();
    RegistryWait wait = wait(Duration.ofSeconds(5));
    assertThatThrownBy(() -> wait.call(failing(Integer.MAX_VALUE, "never", calls), () -> "record",
        waits::incrementAndGet))
        .isInstanceOf(RegistryUnavailableException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    // 100 + 200 + 400 + 800 + 1600 = 3100, then the 1900 ms left; the attempt after them fails and ends the wait
    assertThat(sleeps).containsExactly(100L, 200L, 400L, 800L, 1_600L, 1_900L);
    assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).isEqualTo(5_000L);
    assertThat(calls).hasValue(7);
    assertThat(waits).hasValue(1);
  }

  @Test
  void noWaitFailsAtOnceAsBefore() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> wait(Duration.ZERO).call(failing(1, "decoded", calls), () -> "record",
        waits::incrementAndGet))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aCancelledWaitEndsAtTheNextFailure() {
    RegistryWait wait = wait(Duration.ofMinutes(2));
    AtomicInteger calls = new AtomicInteger();
    Supplier<String> cancelOnThirdCall = () -> {
      if (calls.incrementAndGet() == 3) {
        wait.cancel();
      }
      throw unavailable();
    };
    assertThatThrownBy(() -> wait.call(cancelOnThirdCall, () -> "record", waits::incrementAndGet))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThat(calls).hasValue(3);
    assertThat(sleeps).containsExactly(100L, 200L);
  }

  @Test
  void badDataIsNotWaitedFor() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> wait(Duration.ofMinutes(2)).call(() -> {
      calls.incrementAndGet();
      throw new UnknownSchemaIdException(987_654, null);
    }, () -> "record", waits::incrementAndGet)).isInstanceOf(UnknownSchemaIdException.class);
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
    assertThat(waits).hasValue(0);
  }
}
