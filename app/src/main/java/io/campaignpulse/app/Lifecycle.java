package io.campaignpulse.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The services a command started, closed in reverse order exactly once, whether the command ends by itself or
 * by Ctrl-C/SIGTERM (a shutdown hook calls {@link #close()} too). A service started after closing began is closed
 * at once.
 */
public final class Lifecycle implements AutoCloseable {

  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private boolean closing;

  public synchronized <T extends AutoCloseable> T own(T resource) {
    if (closing) {
      closeQuietly(resource);
      throw new CancellationException("stopping");
    }
    open.push(resource);
    return resource;
  }

  /** Waits until closed, or the timeout; true when closed. */
  public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
    return closedLatch.await(timeout, unit);
  }

  public synchronized boolean isClosing() {
    return closing;
  }

  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      closing = true;
      toClose = new ArrayList<>(open);
      open.clear();
    }
    toClose.forEach(Lifecycle::closeQuietly);
    closedLatch.countDown();
  }

  /** Registers a JVM shutdown hook that closes this lifecycle. */
  public Lifecycle closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "campaign-pulse-shutdown"));
    return this;
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("campaign-pulse: while stopping " + resource + ": " + e.getMessage());
    }
  }
}
