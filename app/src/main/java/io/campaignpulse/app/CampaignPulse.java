package io.campaignpulse.app;

import io.campaignpulse.app.cli.CampaignCommand;
import io.campaignpulse.app.cli.DemoCommand;
import io.campaignpulse.app.cli.ProduceCommand;
import io.campaignpulse.app.cli.ReplayCommand;
import io.campaignpulse.app.cli.SettingsFile;
import io.campaignpulse.app.cli.StreamsCommand;
import io.campaignpulse.app.kafka.StartupException;
import io.campaignpulse.embedded.EmbeddedServiceException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code campaign-pulse} command line. */
@Command(name = "campaign-pulse", mixinStandardHelpOptions = true, version = "campaign-pulse 0.1.0",
    description = "Live analytics of consumer campaigns: trade-in subsidies, fairs, budgets, on Kafka Streams.",
    subcommands = {DemoCommand.class, StreamsCommand.class, ProduceCommand.class, CampaignCommand.class,
        ReplayCommand.class,
        CommandLine.HelpCommand.class})
public final class CampaignPulse {

  /** Read before parsing, by {@link #run}; declared so the parser accepts it and the help lists it. */
  @Option(names = SettingsFile.OPTION, paramLabel = "FILE", defaultValue = "${env:CAMPAIGN_PULSE_CONFIG}",
      description = "A settings properties file: option names without dashes as keys (bootstrap-servers=..., "
          + "replay.state-dir=...); flags and environment variables win over it (env CAMPAIGN_PULSE_CONFIG).")
  Path config;

  public static void main(String[] args) {
    // Avro 1.12 loads generated classes by name only from trusted packages (copy builders, reflection).
    if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
      System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.campaignpulse.avro");
    }
    System.exit(run(commandLine(), System.getenv(), args));
  }

  /**
   * Runs {@code args} on {@code cli} with the settings file they or the environment name (see
   * {@link SettingsFile}) as the defaults' source; a settings file that cannot be read or has unknown keys is a
   * usage error (exit 2).
   */
  public static int run(CommandLine cli, Map<String, String> environment, String... args) {
    Path file = SettingsFile.location(args, environment);
    if (file != null) {
      try {
        SettingsFile.read(file, environment).install(cli);
      } catch (IllegalArgumentException e) {
        cli.getErr().println("campaign-pulse: " + e.getMessage());
        return 2;
      }
    }
    return cli.execute(args);
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
