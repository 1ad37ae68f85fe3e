package io.campaignpulse.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.campaignpulse.app.CampaignPulse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deployment files stay in step with the code: Debian's {@code docker-compose} parses docker-compose.yml
 * without a Docker engine (as CI does), every {@code CAMPAIGN_PULSE_*} variable the compose file and the
 * Dockerfile set is one the command line reads, and the README's configuration table lists every variable the
 * command line reads.
 */
class DockerComposeTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern VARIABLE = Pattern.compile("CAMPAIGN_PULSE_[A-Z0-9_]+");
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(CAMPAIGN_PULSE_[A-Z0-9_]+)");
  /** Read by the embedded services rather than by an option. */
  private static final Set<String> READ_ELSEWHERE = Set.of("CAMPAIGN_PULSE_REGISTRY_JAVA_HOME", "CAMPAIGN_PULSE_HOME");

  /** Every environment variable an option of any command takes its default from. */
  private static Set<String> variablesTheCommandLineReads() {
    Set<String> names = new TreeSet<>();
    CommandLine cli = CampaignPulse.commandLine();
    cli.setInterpolateVariables(false); // the defaults as written: ${env:NAME:-fallback}
    collect(cli, names);
    names.addAll(READ_ELSEWHERE);
    return names;
  }

  private static void collect(CommandLine command, Set<String> names) {
    for (OptionSpec option : command.getCommandSpec().options()) {
      if (option.defaultValue() != null) {
        Matcher m = ENV_DEFAULT.matcher(option.defaultValue());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, names));
  }

  private static Set<String> variablesIn(Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  @Test
  void dockerComposeParsesTheFileWithoutAnEngine() throws Exception {
    Path compose = ROOT.resolve("docker-compose.yml");
    ProcessBuilder builder;
    if (Files.isExecutable(Path.of("/usr/bin/docker-compose"))) {
      builder = new ProcessBuilder("/usr/bin/docker-compose", "-f", compose.toString(), "config", "--quiet");
    } else {
      fail("/usr/bin/docker-compose not found: the deployment check needs Debian's docker-compose (it parses the "
          + "file without an engine). Run: apt-get install -y docker-compose");
      return;
    }
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  @Test
  void theRegistryKeepsItsSchemasOnThePipelinesBroker() throws Exception {
    // as docker-compose resolves the file: one service per two-space-indented block, keys sorted
    String config = dockerCompose("config");
    String registry = service(config, "registry");
    String streams = service(config, "streams-1");
    assertThat(registry).contains("APICURIO_STORAGE_KIND: kafkasql");
    Matcher kafkaSql = Pattern.compile("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS: (\\S+)").matcher(registry);
    Matcher pipeline = Pattern.compile("CAMPAIGN_PULSE_BOOTSTRAP_SERVERS: (\\S+)").matcher(streams);
    assertThat(kafkaSql.find()).as(registry).isTrue();
    assertThat(pipeline.find()).as(streams).isTrue();
    assertThat(kafkaSql.group(1)).isEqualTo(pipeline.group(1));
    // KafkaSQL needs the broker up before the registry starts
    assertThat(registry).containsPattern("depends_on:\\s+kafka:\\s+condition: service_healthy");
  }

  /** The block of one service in docker-compose's rendering of the file. */
  private static String service(String config, String name) {
    Matcher block = Pattern.compile("(?ms)^  " + Pattern.quote(name) + ":\\n(.*?)(?=^  \\S|^\\S|\\z)").matcher(config);
    assertThat(block.find()).as("service %s in:%n%s", name, config).isTrue();
    return block.group(1);
  }

  private static String dockerCompose(String... args) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/docker-compose"))) {
      fail("/usr/bin/docker-compose not found: the deployment check needs Debian's docker-compose (it parses the "
          + "file without an engine). Run: apt-get install -y docker-compose");
    }
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/docker-compose", "-f",
        ROOT.resolve("docker-compose.yml").toString()));
    command.addAll(java.util.List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void theComposeFileAndTheDockerfileSetOnlyVariablesTheCommandLineReads() throws Exception {
    Set<String> known = variablesTheCommandLineReads();
    assertThat(known).contains("CAMPAIGN_PULSE_BOOTSTRAP_SERVERS", "CAMPAIGN_PULSE_ADVERTISED_HOST");
    assertThat(variablesIn(ROOT.resolve("docker-compose.yml"))).isSubsetOf(known);
    assertThat(variablesIn(ROOT.resolve("Dockerfile"))).isSubsetOf(known);
  }

  @Test
  void theComposeBrokerRunsTheKafkaVersionTheClientsAndTheEmbeddedBrokerUse() throws Exception {
    String kafka = org.apache.kafka.common.utils.AppInfoParser.getVersion();
    assertThat(Files.readString(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8))
        .contains("image: apache/kafka:" + kafka + "\n");
  }

  @Test
  void theReadmeConfigurationTableListsEveryVariable() throws Exception {
    assertThat(variablesIn(ROOT.resolve("README.md"))).containsAll(variablesTheCommandLineReads());
  }
}
