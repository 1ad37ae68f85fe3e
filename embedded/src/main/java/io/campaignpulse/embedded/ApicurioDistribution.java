package io.campaignpulse.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides an unpacked Apicurio Registry distribution (the Quarkus app with {@code quarkus-run.jar}).
 *
 * <p>Why: the registry is not a Java library the project can call; it is a Quarkus application shipped as a
 * {@code tar.gz} in Maven Central. The build already downloads it into the local Maven repository (a
 * {@code provided} dependency of this module), so here it is only found — or fetched with
 * {@code mvn dependency:get} as a fallback — and unpacked once into a cache directory
 * ({@value #HOME_ENV}, default {@code ~/.cache/campaign-pulse}). Unpacking goes to a private temporary directory
 * that is then renamed atomically, so two JVMs starting at once never see a half-extracted copy.
 */
public final class ApicurioDistribution {

  /** Environment variable for the cache directory (default {@code ~/.cache/campaign-pulse}). */
  public static final String HOME_ENV = "CAMPAIGN_PULSE_HOME";

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioDistribution.class);
  private static final String RESOURCE = "/campaign-pulse-embedded.properties";
  private static final String RUN_JAR = "quarkus-run.jar";
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final String groupId;
  private final String artifactId;
  private final String version;
  private final String classifier;
  private final String type;

  private ApicurioDistribution(Properties coordinates) {
    this.groupId = required(coordinates, "apicurio.groupId");
    this.artifactId = required(coordinates, "apicurio.artifactId");
    this.version = required(coordinates, "apicurio.version");
    this.classifier = required(coordinates, "apicurio.classifier");
    this.type = required(coordinates, "apicurio.type");
  }

  /** The distribution this build was made with (coordinates from {@code campaign-pulse-embedded.properties}). */
  public static ApicurioDistribution configured() {
    Properties p = new Properties();
    try (InputStream in = ApicurioDistribution.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new EmbeddedServiceException(RESOURCE + " is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ApicurioDistribution(p);
  }

  public String version() {
    return version;
  }

  /**
   * The directory holding {@code quarkus-run.jar}, unpacking the distribution first if this is the first use on
   * this machine (takes a few seconds).
   */
  public Path home() {
    Path dir = cacheRoot().resolve(artifactId + "-" + version);
    if (!Files.isDirectory(dir)) {
      install(archive(), dir);
    }
    return findRunJarDir(dir).orElseThrow(() -> new EmbeddedServiceException(
        dir + " has no " + RUN_JAR + "; delete the directory so it is unpacked again"));
  }

  /** The archive in the local Maven repository, downloading it with {@code mvn dependency:get} if absent. */
  Path archive() {
    Path archive = archiveIn(localRepository());
    if (Files.isRegularFile(archive)) {
      return archive;
    }
    download();
    if (!Files.isRegularFile(archive)) {
      throw new EmbeddedServiceException("Apicurio Registry distribution not found at " + archive
          + " even after mvn dependency:get; run: mvn dependency:get -Dartifact=" + coordinates()
          + " -Dtransitive=false");
    }
    return archive;
  }

  Path archiveIn(Path repository) {
    Path dir = repository;
    for (String part : groupId.split("\\.")) {
      dir = dir.resolve(part);
    }
    return dir.resolve(artifactId).resolve(version)
        .resolve(artifactId + "-" + version + "-" + classifier + "." + type);
  }

  String coordinates() {
    return groupId + ":" + artifactId + ":" + version + ":" + type + ":" + classifier;
  }

  /**
   * Unpacks {@code archive} so that {@code dir} appears complete or not at all. If another process created
   * {@code dir} first, its copy is used and this one is discarded.
   */
  static void install(Path archive, Path dir) {
    Path parent = dir.toAbsolutePath().getParent();
    Path temp = parent.resolve("." + dir.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
        + UUID.randomUUID());
    try {
      Files.createDirectories(parent);
      deleteStaleTemps(parent, dir.getFileName().toString());
      LOG.info("unpacking {} into {}", archive.getFileName(), dir);
      long t0 = System.nanoTime();
      TarGz.extract(archive, temp);
      try {
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("unpacked {} in {} ms", archive.getFileName(), (System.nanoTime() - t0) / 1_000_000);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        LOG.info("{} was unpacked concurrently by another process; using that copy", dir);
      } catch (AtomicMoveNotSupportedException e) {
        throw new EmbeddedServiceException("cannot rename " + temp + " atomically to " + dir, e);
      }
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        throw new EmbeddedServiceException("could not unpack " + archive + " into " + dir + ": " + e, e);
      }
    } finally {
      deleteRecursively(temp);
    }
  }

  /** {@code dir} itself or its single top-level folder, whichever holds {@code quarkus-run.jar}. */
  static Optional<Path> findRunJarDir(Path dir) {
    if (Files.isRegularFile(dir.resolve(RUN_JAR))) {
      return Optional.of(dir);
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(c -> Files.isRegularFile(c.resolve(RUN_JAR))).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Path cacheRoot() {
    return cacheRoot(System.getenv(), System.getProperty("user.home"));
  }

  static Path cacheRoot(Map<String, String> env, String userHome) {
    String configured = env.get(HOME_ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.trim());
    }
    return Path.of(userHome, ".cache", "campaign-pulse");
  }

  static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.trim());
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private void download() {
    List<String> command = new ArrayList<>(List.of(mvnExecutable(), "-B", "-q", "dependency:get",
        "-Dartifact=" + coordinates(), "-Dtransitive=false"));
    String repo = System.getProperty("maven.repo.local");
    if (repo != null && !repo.isBlank()) {
      command.add("-Dmaven.repo.local=" + repo);
    }
    LOG.info("Apicurio Registry {} is not in the local Maven repository; running {}", version, command);
    Path log;
    try {
      log = Files.createTempFile("campaign-pulse-mvn-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChildProcess mvn;
    try {
      mvn = ChildProcess.start("mvn", command, Path.of(System.getProperty("user.dir")), log, Map.of());
    } catch (EmbeddedServiceException e) {
      throw new EmbeddedServiceException("Apicurio Registry " + version + " is not in " + localRepository()
          + " and Maven could not be run to fetch it (" + e.getMessage() + "); install Maven or run: "
          + "mvn dependency:get -Dartifact=" + coordinates() + " -Dtransitive=false", e);
    }
    if (!mvn.waitFor(Duration.ofMinutes(15))) {
      mvn.kill();
      throw new EmbeddedServiceException("mvn dependency:get did not finish within 15 min; see " + log);
    }
    if (mvn.exitCode() != 0) {
      throw new EmbeddedServiceException("mvn dependency:get -Dartifact=" + coordinates() + " failed (exit "
          + mvn.exitCode() + "):\n" + mvn.logTail(30));
    }
  }

  private static String mvnExecutable() {
    return System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
  }

  private static void deleteStaleTemps(Path parent, String dirName) {
    Instant cutoff = Instant.now().minus(STALE_TEMP);
    try (Stream<Path> children = Files.list(parent)) {
      children.filter(c -> c.getFileName().toString().startsWith("." + dirName + ".tmp-"))
          .filter(c -> modifiedBefore(c, cutoff))
          .forEach(ApicurioDistribution::deleteRecursively);
    } catch (IOException e) {
      LOG.debug("could not list {}: {}", parent, e.toString());
    }
  }

  private static boolean modifiedBefore(Path path, Instant cutoff) {
    try {
      return Files.getLastModifiedTime(path).toInstant().isBefore(cutoff);
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.debug("could not delete {}: {}", p, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", root, e.toString());
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank() || value.contains("${")) {
      throw new EmbeddedServiceException(RESOURCE + " has no usable " + key + " (" + value + ")");
    }
    return value.trim();
  }
}
