package io.campaignpulse.embedded;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a started child until it answers, failing fast — with the tail of its log — if the child dies first.
 * Shared by the broker and the registry, whose only difference is the probe.
 */
final class Readiness {

  private static final long POLL_MILLIS = 200;

  /** A check that returns true once the service serves requests; exceptions count as "not yet". */
  interface Probe {
    boolean ready() throws Exception;
  }

  private Readiness() {
  }

  static void await(String what, ChildProcess child, Duration timeout, Probe probe, Supplier<String> logTail) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      if (!child.isAlive()) {
        throw new EmbeddedServiceException(what + " (pid " + child.pid() + ") exited with code "
            + child.exitCode() + " before it was ready. Last log lines:\n" + logTail.get());
      }
      try {
        if (probe.ready()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedServiceException("interrupted while waiting for " + what, e);
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new EmbeddedServiceException(what + " (pid " + child.pid() + ") was not ready after "
            + timeout.toSeconds() + " s" + (last == null ? "" : " (last probe error: " + last + ")")
            + ". Last log lines:\n" + logTail.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedServiceException("interrupted while waiting for " + what, e);
      }
    }
  }
}
