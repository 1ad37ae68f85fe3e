package io.campaignpulse.streams.decode;

import io.campaignpulse.serde.RegistryUnavailableException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the decode step waits for a schema registry it cannot reach (connection refused, timeouts, 5xx): a record
 * whose writer schema is not cached cannot be decoded, and it is not bad data, so it must be neither dead-lettered
 * nor skipped. The stream thread retries the look-up with backoff (100 ms doubling to 2 s) until the registry
 * answers, for up to {@link #DEFAULT_MAX_WAIT}; then the {@link RegistryUnavailableException} goes up and the stream
 * thread fails as before.
 *
 * <p>Why wait on the stream thread rather than fail it at once: a failed stream thread closes its tasks dirty
 * (under exactly-once their local state is wiped and restored from the changelogs), and its replacement gets no
 * partition until the failed thread's group member has timed out ({@code session.timeout.ms}, 45 s by default:
 * Kafka Streams' consumers do not leave the group when they close). In the registry drill (RegistryRestartIT) a
 * registry away for 18 s stopped all counting for 48 s that way, and a longer outage would have repeated it.
 * Waiting holds up only this stream thread's partitions, for as long as the registry is away. When the wait outlasts
 * the transaction timeout (10 s under exactly-once), the broker aborts the open transaction; the thread then finds
 * its producer fenced, rejoins the group at once, restores its state and reprocesses from the last commit, so
 * nothing is lost or counted twice. {@link #DEFAULT_MAX_WAIT} stays well inside {@code max.poll.interval.ms}
 * (5 min), past which the member would leave the group.
 *
 * <p>{@link #cancel()} ends every wait at once (the app is closing). Thread-safe; one instance per app instance.
 */
public final class RegistryWait {

  /** How long one record may wait for the registry before its stream thread fails. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(RegistryWait.class);
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 2_000;

  /** Sleeps; a test's replaces the clock. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** Nanosecond time source; a test's replaces the clock. */
  interface Ticker {
    long nanos();
  }

  private final Duration maxWait;
  private final Sleeper sleeper;
  private final Ticker ticker;
  private volatile boolean cancelled;

  RegistryWait(Duration maxWait, Sleeper sleeper, Ticker ticker) {
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
    this.maxWait = maxWait;
    this.sleeper = sleeper;
    this.ticker = ticker;
  }

  /** Waits up to {@code maxWait} per record ({@link Duration#ZERO}: fail at once, as before). */
  public static RegistryWait upTo(Duration maxWait) {
    return new RegistryWait(maxWait, Thread::sleep, System::nanoTime);
  }

  /** Waits up to {@link #DEFAULT_MAX_WAIT}. */
  public static RegistryWait standard() {
    return upTo(DEFAULT_MAX_WAIT);
  }

  public Duration maxWait() {
    return maxWait;
  }

  /** Ends every wait now and makes later ones fail at once: the app is closing. */
  public void cancel() {
    cancelled = true;
  }

  /**
   * {@code attempt}'s result, retrying it while it throws {@link RegistryUnavailableException}, for up to the
   * maximum wait; {@code onWait} runs once when the first attempt failed.
   *
   * @param what the record, for the log
   * @throws RegistryUnavailableException the last failure, when the wait is over or cancelled
   */
  <T> T call(Supplier<T> attempt, Supplier<String> what, Runnable onWait) {
    try {
      return attempt.get();
    } catch (RegistryUnavailableException e) {
      return retry(e, attempt, what, onWait);
    }
  }

  /**
   * After {@code first}, the failure of a first attempt made by the caller: waits, retrying {@code attempt} as
   * {@link #call} does. The caller's hot path stays free of the wait's bookkeeping.
   */
  <T> T retry(RegistryUnavailableException first, Supplier<T> attempt, Supplier<String> what, Runnable onWait) {
    long start = ticker.nanos();
    String record = what.get();
    onWait.run();
    LOG.warn("{} waits for the schema registry, and so do the other partitions of this stream thread, for up to {} s: "
        + "{}", record, maxWait.toSeconds(), first.getMessage());
    RegistryUnavailableException last = first;
    long backoff = FIRST_BACKOFF_MS;
    while (true) {
      long left = maxWait.toNanos() - (ticker.nanos() - start);
      if (cancelled || left <= 0) {
        if (last != first) {
          last.addSuppressed(first);
        }
        throw last;
      }
      try {
        sleeper.sleep(Math.max(1, Math.min(backoff, left / 1_000_000)));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw last;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      try {
        T result = attempt.get();
        LOG.info("schema registry answered again after {} ms; {} decoded", (ticker.nanos() - start) / 1_000_000,
            record);
        return result;
      } catch (RegistryUnavailableException e) {
        last = e;
      }
    }
  }
}
