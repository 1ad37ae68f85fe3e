package io.campaignpulse.app.alerts;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with a cap and full jitter: before retry {@code n} (the wait after the n-th failed
 * attempt, n = 1, 2, ...) the ceiling is {@code min(max, initial * 2^(n-1))} and the wait is drawn uniformly from
 * {@code [0, ceiling]} milliseconds, so many clients failing together do not retry in lockstep. Computes waits
 * only, never sleeps; the random generator is injected so tests can seed it.
 */
public final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private final RandomGenerator random;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialMs = initial.toMillis();
    this.maxMs = max.toMillis();
    this.random = Objects.requireNonNull(random, "random");
    if (initialMs < 1 || maxMs < initialMs) {
      throw new IllegalArgumentException("backoff needs 1 ms <= initial <= max, was " + initial + ", " + max);
    }
  }

  /** 200 ms doubling up to 30 s. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new Random());
  }

  /** The upper bound of the wait after failed attempt {@code attempt} (1 for the first failure). */
  public Duration ceiling(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    int doublings = Math.min(attempt - 1, 62);
    long ceiling = initialMs > (maxMs >> doublings) ? maxMs : initialMs << doublings;
    return Duration.ofMillis(Math.min(ceiling, maxMs));
  }

  /** The jittered wait after failed attempt {@code attempt}: uniform in {@code [0, ceiling(attempt)]}. */
  public Duration delay(int attempt) {
    return Duration.ofMillis(random.nextLong(ceiling(attempt).toMillis() + 1));
  }
}
