package io.campaignpulse.app;

import io.campaignpulse.app.cli.CampaignCommand;
import io.campaignpulse.app.cli.DemoCommand;
import io.campaignpulse.app.cli.ProduceCommand;
import io.campaignpulse.app.cli.ReplayCommand;
import io.campaignpulse.app.cli.StreamsCommand;
import io.campaignpulse.app.kafka.StartupException;
import io.campaignpulse.embedded.EmbeddedServiceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code campaign-pulse} command line. */
@Command(name = "campaign-pulse", mixinStandardHelpOptions = true, version = "campaign-pulse 0.1.0",
    description = "Live analytics of consumer campaigns: trade-in subsidies, fairs, budgets, on Kafka Streams.",
    subcommands = {DemoCommand.class, StreamsCommand.class, ProduceCommand.class, CampaignCommand.class,
        ReplayCommand.class,
        CommandLine.HelpCommand.class})
public final class CampaignPulse {

  public static void main(String[] args) {
    // Avro 1.12 loads generated classes by name only from trusted packages (copy builders, reflection).
    if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
      System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.campaignpulse.avro");
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with the project's error handling: a service that cannot start is a
   * message on stderr (one line, or with the failing child process's log tail), exit 1. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CampaignPulse());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof StartupException || e instanceof EmbeddedServiceException) {
        commandLine.getErr().println("campaign-pulse: " + e.getMessage());
        return 1;
      }
      throw e;
    });
    return cli;
  }
}
