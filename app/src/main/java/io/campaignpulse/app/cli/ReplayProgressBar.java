package io.campaignpulse.app.cli;

import io.campaignpulse.replay.Replay;
import java.io.PrintStream;
import java.text.DecimalFormat;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A replay's progress on stderr: events counted of events to count, with events/s and the ETA. On a terminal it
 * redraws in place; elsewhere it prints a plain line every five seconds.
 */
final class ReplayProgressBar implements Replay.Progress, AutoCloseable {

  private final boolean terminal;
  private final PrintStream out;
  private ProgressBar bar;

  ReplayProgressBar(boolean terminal, PrintStream out) {
    this.terminal = terminal;
    this.out = out;
  }

  @Override
  public void update(long done, long total) {
    if (bar == null) {
      ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("replay").setInitialMax(Math.max(total, 1))
          .setUnit(" events", 1).showSpeed(new DecimalFormat("#,##0"));
      bar = terminal ? builder.setConsumer(new ConsoleProgressBarConsumer(out)).build()
          : builder.setUpdateIntervalMillis(5_000).setConsumer(new DelegatingProgressBarConsumer(out::println))
              .build();
    }
    bar.stepTo(Math.min(done, Math.max(total, 1)));
  }

  /** Draws the last state and ends the bar; a second close does nothing. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
