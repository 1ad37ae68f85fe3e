package io.campaignpulse.producers.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr ({@code me.tongfei:progressbar}) over a file's bytes (compressed bytes for gzip, so
 * the ETA holds for both), with MiB/s, ETA and the rows read so far.
 * It appears only once a file has taken longer than a moment (one second), so small files print nothing. On a
 * terminal it redraws in place; elsewhere (a log) it prints a plain line every five seconds.
 */
public final class ConsoleProgress implements IngestProgress {

  /** How long a file may take before its bar appears. */
  public static final Duration SHOW_AFTER = Duration.ofSeconds(1);

  private final String file;
  private final long size;
  private final boolean terminal;
  private final PrintStream out;
  private final long showAfterNanos;
  private final long startNanos = System.nanoTime();
  private ProgressBar bar;

  ConsoleProgress(String file, long size, boolean terminal, PrintStream out, Duration showAfter) {
    this.file = file;
    this.size = size;
    this.terminal = terminal;
    this.out = out;
    this.showAfterNanos = showAfter.toNanos();
  }

  /** Bars on stderr, drawn for a terminal or as log lines. */
  public static Factory factory(boolean terminal) {
    return factory(terminal, System.err, SHOW_AFTER);
  }

  static Factory factory(boolean terminal, PrintStream out, Duration showAfter) {
    return (file, size) -> new ConsoleProgress(file, size, terminal, out, showAfter);
  }

  /** Whether stderr is a terminal (Linux: where fd 2 points; elsewhere: whether there is a console). */
  public static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  @Override
  public void update(long bytesRead, long rows) {
    long elapsed = System.nanoTime() - startNanos;
    if (bar == null) {
      if (elapsed < showAfterNanos) {
        return;
      }
      bar = start(Math.min(bytesRead, size), Duration.ofNanos(elapsed));
    }
    bar.stepTo(Math.min(bytesRead, size));
    bar.setExtraMessage(String.format(" %,d rows", rows));
  }

  private ProgressBar start(long bytesRead, Duration elapsed) {
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(Path.of(file).getFileName().toString())
        .setInitialMax(size)
        .setUnit("MiB", 1 << 20)
        .showSpeed(new DecimalFormat("#,##0.0"))
        .startsFrom(bytesRead, elapsed);
    if (terminal) {
      builder.setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(200);
    } else {
      builder.setStyle(ProgressBarStyle.ASCII).setConsumer(new DelegatingProgressBarConsumer(new LogLines(out), 120))
          .setUpdateIntervalMillis(5_000);
    }
    return builder.build();
  }

  /** Whether the bar has appeared. */
  boolean isShown() {
    return bar != null;
  }

  /** Prints each rendering as a line, except one equal to the line before (the bar renders twice on close). */
  private static final class LogLines implements java.util.function.Consumer<String> {
    private final PrintStream out;
    private String last;

    LogLines(PrintStream out) {
      this.out = out;
    }

    @Override
    public void accept(String line) {
      if (!line.equals(last)) {
        out.println(line);
        last = line;
      }
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close(); // as far as it got: a stopped file does not claim 100 %
    }
  }
}
