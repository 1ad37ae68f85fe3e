package io.campaignpulse.producers.kafka;

/**
 * Paces a run of events in wall-clock time: as fast as possible, at a fixed number of events per second, or
 * with event time compressed by a speed-up factor (a year at 100,000x plays in about five minutes).
 */
public interface Pacer {

  /** Blocks until the event with this event time may be sent. */
  void await(long eventTimeMs) throws InterruptedException;

  static Pacer asFastAsPossible() {
    return eventTime -> { };
  }

  /** {@code eventsPerSecond} on average, in steps of at most a few milliseconds. */
  static Pacer rate(double eventsPerSecond) {
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive");
    }
    long nanosPerEvent = (long) (1_000_000_000L / eventsPerSecond);
    return new Pacer() {
      private long next = System.nanoTime();

      @Override
      public void await(long eventTimeMs) throws InterruptedException {
        next += nanosPerEvent;
        sleepUntil(next);
      }
    };
  }

  /** Event time runs {@code factor} times faster than wall time, starting from the first event. */
  static Pacer speedup(double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed-up must be positive");
    }
    return new Pacer() {
      private long firstEventMs = Long.MIN_VALUE;
      private long startNanos;

      @Override
      public void await(long eventTimeMs) throws InterruptedException {
        if (firstEventMs == Long.MIN_VALUE) {
          firstEventMs = eventTimeMs;
          startNanos = System.nanoTime();
          return;
        }
        long due = startNanos + (long) ((eventTimeMs - firstEventMs) * 1_000_000L / factor);
        sleepUntil(due);
      }
    };
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 1_000_000L) {
      Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
    }
  }
}
