package io.campaignpulse.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings properties file ({@code --config FILE} before the command, or {@code CAMPAIGN_PULSE_CONFIG}): each
 * key is an option's long name without its dashes ({@code bootstrap-servers=...}, {@code http-port=8081}),
 * optionally under a command's path ({@code replay.state-dir=...}, {@code produce.simulate.rate=...}), which wins
 * over the plain key for that command. A flag wins over the environment variable, which wins over the file, which
 * wins over the built-in default. A key that names no option of any command is an error, so a typo is never
 * silently ignored.
 */
public final class SettingsFile implements IDefaultValueProvider {

  /** The option that names the file, accepted before the command. */
  public static final String OPTION = "--config";
  /** The environment variable that names the file when {@link #OPTION} is not given. */
  public static final String ENV = "CAMPAIGN_PULSE_CONFIG";

  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)");

  private final Path file;
  private final Properties settings;
  private final Map<String, String> environment;
  /** The environment variable each option's default reads ({@code ${env:NAME...}}). */
  private final Map<OptionSpec, String> variables = new IdentityHashMap<>();

  private SettingsFile(Path file, Properties settings, Map<String, String> environment) {
    this.file = file;
    this.settings = settings;
    this.environment = environment;
  }

  /**
   * The file the arguments or the environment name: {@code --config FILE} or {@code --config=FILE} among the
   * options before the command, else {@link #ENV}; null when neither does.
   */
  public static Path location(String[] args, Map<String, String> environment) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        break; // the command: what follows is its own
      }
      if (arg.equals(OPTION) && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (arg.startsWith(OPTION + "=")) {
        return Path.of(arg.substring(OPTION.length() + 1));
      }
    }
    String fromEnvironment = environment.get(ENV);
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
  }

  /** Reads the file; the environment decides which settings it may still provide. */
  public static SettingsFile read(Path file, Map<String, String> environment) {
    Properties settings = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      settings.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the settings file " + file + ": " + e.getMessage(), e);
    }
    return new SettingsFile(file, settings, environment);
  }

  /**
   * Makes the file the default provider of every command of {@code cli}, after checking that each of its keys
   * names an option of some command.
   */
  public void install(CommandLine cli) {
    Set<String> known = new TreeSet<>();
    collectKeys(cli, known);
    Set<String> unknown = new TreeSet<>(settings.stringPropertyNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the settings file " + file + " has keys that name no option: "
          + String.join(", ", unknown) + " (keys are long option names without dashes, e.g. bootstrap-servers, "
          + "optionally after a command path, e.g. replay.state-dir)");
    }
    collectVariables(cli, variables);
    cli.setDefaultValueProvider(this);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.longestName().equals(OPTION)) {
      return null;
    }
    String variable = variables.get(option);
    if (variable != null && environment.get(variable) != null) {
      return null; // the environment variable wins: the option's own default reads it
    }
    String key = key(option);
    String path = commandPath(option.command());
    String scoped = path.isEmpty() ? null : settings.getProperty(path + "." + key);
    return scoped != null ? scoped : settings.getProperty(key);
  }

  /** Notes the variable each option's default reads, from the defaults as written. */
  private static void collectVariables(CommandLine command, Map<OptionSpec, String> variables) {
    CommandSpec spec = command.getCommandSpec();
    Boolean interpolate = spec.interpolateVariables();
    spec.interpolateVariables(false);
    try {
      for (OptionSpec option : spec.options()) {
        String raw = option.defaultValue();
        Matcher m = raw == null ? null : ENV_DEFAULT.matcher(raw);
        if (m != null && m.find()) {
          variables.put(option, m.group(1));
        }
      }
    } finally {
      spec.interpolateVariables(interpolate);
    }
    command.getSubcommands().values().forEach(sub -> collectVariables(sub, variables));
  }

  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  /** The command's path below the top command, dot-separated ({@code produce.simulate}); empty for the top. */
  private static String commandPath(CommandSpec command) {
    StringBuilder path = new StringBuilder();
    for (CommandSpec c = command; c != null && c.parent() != null; c = c.parent()) {
      path.insert(0, path.isEmpty() ? c.name() : c.name() + ".");
    }
    return path.toString();
  }

  private static void collectKeys(CommandLine command, Set<String> keys) {
    String path = commandPath(command.getCommandSpec());
    for (OptionSpec option : command.getCommandSpec().options()) {
      if (option.longestName().startsWith("--") && !option.usageHelp() && !option.versionHelp()
          && !option.longestName().equals(OPTION)) {
        keys.add(key(option));
        if (!path.isEmpty()) {
          keys.add(path + "." + key(option));
        }
      }
    }
    command.getSubcommands().values().forEach(sub -> collectKeys(sub, keys));
  }
}
