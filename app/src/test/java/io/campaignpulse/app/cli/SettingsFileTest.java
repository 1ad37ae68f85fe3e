package io.campaignpulse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.app.CampaignPulse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The settings properties file: where it is named, what it sets, and what wins over it. */
class SettingsFileTest {

  @TempDir
  Path temp;

  private Path file(String... lines) throws IOException {
    Path file = temp.resolve("pulse.properties");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /** The value an option of {@code command} has after parsing {@code args} with the file installed. */
  private static Object parsed(Path file, Map<String, String> env, String command, String option, String... args) {
    CommandLine cli = CampaignPulse.commandLine();
    SettingsFile.read(file, env).install(cli);
    cli.parseArgs(args);
    return cli.getSubcommands().get(command).getCommandSpec().findOption(option).getValue();
  }

  @Test
  void theFileIsNamedBeforeTheCommandOrByTheEnvironment() {
    Map<String, String> env = Map.of(SettingsFile.ENV, "/etc/pulse.properties");

    assertThat(SettingsFile.location(new String[] {"--config", "a.properties", "streams"}, env))
        .isEqualTo(Path.of("a.properties"));
    assertThat(SettingsFile.location(new String[] {"--config=b.properties", "streams"}, env))
        .isEqualTo(Path.of("b.properties"));
    assertThat(SettingsFile.location(new String[] {"streams"}, env)).isEqualTo(Path.of("/etc/pulse.properties"));
    // after the command, --config is the command's business, not the file's
    assertThat(SettingsFile.location(new String[] {"streams", "--config", "c"}, Map.of())).isNull();
    assertThat(SettingsFile.location(new String[] {"streams"}, Map.of())).isNull();
  }

  @Test
  void theFileSetsWhatNoFlagSets() throws IOException {
    Path file = file("http-port=9191", "commit-interval-ms=250", "bootstrap-servers=broker-a:9092");

    assertThat(parsed(file, Map.of(), "streams", "--http-port", "streams")).isEqualTo(9191);
    assertThat(parsed(file, Map.of(), "streams", "--commit-interval-ms", "streams")).isEqualTo(250L);
    assertThat(parsed(file, Map.of(), "streams", "--bootstrap-servers", "streams")).isEqualTo("broker-a:9092");
  }

  @Test
  void aFlagWinsOverTheFile() throws IOException {
    Path file = file("http-port=9191");

    assertThat(parsed(file, Map.of(), "streams", "--http-port", "streams", "--http-port", "7070")).isEqualTo(7070);
  }

  @Test
  void theEnvironmentWinsOverTheFile() throws IOException {
    Path file = file("http-port=9191", "commit-interval-ms=250");
    Map<String, String> env = Map.of("CAMPAIGN_PULSE_HTTP_PORT", "6060");

    // the option's own default reads the variable; the file steps aside for it and only for it
    int fromOwnDefault = Integer.parseInt(System.getenv().getOrDefault("CAMPAIGN_PULSE_HTTP_PORT", "8080"));
    assertThat(parsed(file, env, "streams", "--http-port", "streams")).isEqualTo(fromOwnDefault);
    assertThat(parsed(file, env, "streams", "--commit-interval-ms", "streams")).isEqualTo(250L);
  }

  @Test
  void aCommandsOwnKeyWinsForThatCommandOnly() throws IOException {
    Path file = file("state-dir=/data/state", "replay.state-dir=/data/replay");

    assertThat(parsed(file, Map.of(), "streams", "--state-dir", "streams")).isEqualTo(Path.of("/data/state"));
    assertThat(parsed(file, Map.of(), "replay", "--state-dir", "replay")).isEqualTo(Path.of("/data/replay"));
  }

  @Test
  void anUnknownKeyIsAUsageErrorNamingIt() throws IOException {
    Path file = file("bootstrap-server=typo:9092", "http-port=9191");
    CommandLine cli = CampaignPulse.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit = CampaignPulse.run(cli, Map.of(), "--config", file.toString(), "streams", "--help");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("bootstrap-server").contains(file.toString()).doesNotContain("9191");
  }

  @Test
  void aMissingFileIsAUsageError() {
    CommandLine cli = CampaignPulse.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit = CampaignPulse.run(cli, Map.of(), "--config", temp.resolve("absent.properties").toString(), "streams");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read the settings file");
  }

  @Test
  void theHelpShowsTheFilesValueAsTheDefault() throws IOException {
    Path file = file("http-port=9191");
    CommandLine cli = CampaignPulse.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));

    int exit = CampaignPulse.run(cli, Map.of(), "--config", file.toString(), "streams", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("9191");
  }

  @Test
  void aTokenFromTheFileIsUsedButNeverShown() throws IOException {
    Path file = file("api-token=s3cret-from-file");
    assertThat(parsed(file, Map.of(), "streams", "--api-token", "streams")).isEqualTo("s3cret-from-file");

    CommandLine cli = CampaignPulse.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    CampaignPulse.run(cli, Map.of(), "--config", file.toString(), "streams", "--help");

    assertThat(out.toString()).contains("--api-token").doesNotContain("s3cret");
  }
}
