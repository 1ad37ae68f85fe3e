package io.campaignpulse.app;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** A long test's progress lines in its output, each with the seconds since the test started and the time. */
final class Progress {

  private final long started = System.nanoTime();

  void step(String format, Object... args) {
    System.out.printf("[%5.1f s, %s] %s%n", (System.nanoTime() - started) / 1e9,
        LocalTime.now().truncatedTo(ChronoUnit.MILLIS), String.format(format, args));
  }
}
