package io.campaignpulse.embedded;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Java installation new enough for a child process.
 *
 * <p>Why: the project builds and runs on Java 17, but Apicurio Registry 3.x needs Java 21+. Instead of asking every
 * developer to switch JDKs, the registry runs on the first suitable JDK found: the one named by
 * {@value #REGISTRY_JAVA_HOME_ENV}, else the current JVM, else the newest JDK under {@code /usr/lib/jvm} whose
 * {@code release} file says it is new enough.
 */
public final class JavaRuntimes {

  /** Environment variable naming the Java home the schema registry runs on. */
  public static final String REGISTRY_JAVA_HOME_ENV = "CAMPAIGN_PULSE_REGISTRY_JAVA_HOME";

  static final Path JVM_ROOT = Path.of("/usr/lib/jvm");

  private static final Pattern JAVA_VERSION_LINE = Pattern.compile("^JAVA_VERSION=\"?([^\"]*)\"?\\s*$",
      Pattern.MULTILINE);

  private JavaRuntimes() {
  }

  /** The {@code java} launcher of this JVM. */
  public static Path currentJava() {
    return javaExecutable(Path.of(System.getProperty("java.home")));
  }

  /** {@code <javaHome>/bin/java} (or {@code java.exe} on Windows). */
  public static Path javaExecutable(Path javaHome) {
    boolean windows = System.getProperty("os.name").startsWith("Windows");
    return javaHome.resolve("bin").resolve(windows ? "java.exe" : "java");
  }

  /**
   * The feature (major) version in a Java version string: {@code "1.8.0_392"} → 8, {@code "17.0.15"} → 17,
   * {@code "21"} → 21, {@code "25-ea"} → 25; empty if it does not look like a version.
   */
  public static OptionalInt featureVersion(String version) {
    Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version.trim());
    if (!m.find()) {
      return OptionalInt.empty();
    }
    int first = Integer.parseInt(m.group(1));
    if (first == 1 && m.group(2) != null) {
      return OptionalInt.of(Integer.parseInt(m.group(2)));
    }
    return OptionalInt.of(first);
  }

  /** The feature version written in {@code <javaHome>/release} ({@code JAVA_VERSION="21.0.5"}), if readable. */
  public static OptionalInt releaseFeatureVersion(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (!Files.isRegularFile(release)) {
      return OptionalInt.empty();
    }
    try {
      Matcher m = JAVA_VERSION_LINE.matcher(Files.readString(release));
      return m.find() ? featureVersion(m.group(1)) : OptionalInt.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * The Java home to run a program needing at least Java {@code minFeature} on (see the class comment for the
   * order), or an {@link EmbeddedServiceException} with a one-line message saying what to install or set.
   */
  public static Path findJavaHome(int minFeature) {
    return findJavaHome(minFeature, System.getenv(), Path.of(System.getProperty("java.home")),
        Runtime.version().feature(), JVM_ROOT);
  }

  static Path findJavaHome(int minFeature, Map<String, String> env, Path currentHome, int currentFeature,
               Path jvmRoot) {
    String configured = env.get(REGISTRY_JAVA_HOME_ENV);
    if (configured != null && !configured.isBlank()) {
      return checkConfigured(Path.of(configured.trim()), minFeature);
    }
    if (currentFeature >= minFeature) {
      return currentHome;
    }
    return newestUnder(jvmRoot, minFeature).orElseThrow(() -> new EmbeddedServiceException(
        "Java " + minFeature + "+ is needed but this JVM is Java " + currentFeature + " and no JDK "
            + minFeature + "+ was found under " + jvmRoot + ": install one (e.g. apt-get install "
            + "openjdk-21-jdk-headless) or set " + REGISTRY_JAVA_HOME_ENV + " to its home directory"));
  }

  private static Path checkConfigured(Path home, int minFeature) {
    if (!Files.isExecutable(javaExecutable(home))) {
      throw new EmbeddedServiceException(REGISTRY_JAVA_HOME_ENV + "=" + home + " has no executable "
          + javaExecutable(home) + "; point it at a Java " + minFeature + "+ home directory");
    }
    OptionalInt feature = releaseFeatureVersion(home);
    if (feature.isPresent() && feature.getAsInt() < minFeature) {
      throw new EmbeddedServiceException(REGISTRY_JAVA_HOME_ENV + "=" + home + " is Java "
          + feature.getAsInt() + " but Java " + minFeature + "+ is needed");
    }
    return home;
  }

  private static Optional<Path> newestUnder(Path jvmRoot, int minFeature) {
    if (!Files.isDirectory(jvmRoot)) {
      return Optional.empty();
    }
    Path best = null;
    int bestFeature = -1;
    try (DirectoryStream<Path> homes = Files.newDirectoryStream(jvmRoot)) {
      for (Path home : sorted(homes)) {
        OptionalInt feature = releaseFeatureVersion(home);
        if (feature.isPresent() && feature.getAsInt() >= minFeature && feature.getAsInt() > bestFeature
            && Files.isExecutable(javaExecutable(home))) {
          best = home;
          bestFeature = feature.getAsInt();
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(best);
  }

  private static Iterable<Path> sorted(DirectoryStream<Path> homes) {
    List<Path> list = new ArrayList<>();
    homes.forEach(list::add);
    list.sort(Comparator.comparing(Path::toString));
    return list;
  }
}
