package io.campaignpulse.bench;

import io.campaignpulse.app.kafka.StartupException;
import io.campaignpulse.embedded.EmbeddedServiceException;
import picocli.CommandLine;

/**
 * Entry point of the runnable bench jar ({@code java -jar bench/target/campaign-pulse-bench.jar produce ...}).
 * Kept apart from {@link BenchCommand} so the command can also be mounted under another command line.
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The bench command line; a broker or registry that cannot start, or a benchmark that fails (totals not exact),
   * is one message on stderr and exit 1.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof EmbeddedServiceException || e instanceof BenchException || e instanceof StartupException) {
        commandLine.getErr().println("campaign-pulse bench: " + e.getMessage());
        return 1;
      }
      throw e;
    });
    return cli;
  }
}
