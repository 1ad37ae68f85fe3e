package io.campaignpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry running as a child process on 127.0.0.1, offering the Confluent-compatible schema
 * registry API the Avro serializers talk to.
 *
 * <p>Why Apicurio in a child process: it is an Apache-licensed registry with a Confluent-compatible API that runs
 * from the Maven Central distribution, so demos and integration tests need neither Docker nor a manual install.
 * It needs Java 21+, which {@link JavaRuntimes} finds even when this JVM is Java 17. Each instance gets its own
 * ports and its own working and temporary directory (the registry writes a Vert.x cache and a native Brotli
 * library to {@code java.io.tmpdir}), so several can run at once from one shared unpacked distribution.
 *
 * <p>Schemas live where its {@link RegistryStorage} says: in memory by default (gone when the registry stops), or
 * on persistent storage (an H2 file, or KafkaSQL on a broker), where {@link #restart()} brings the registry back
 * with every schema under its old id, on the same ports, so clients' URLs stay valid.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSchemaRegistry.class);
  private static final int MIN_JAVA = 21;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
  private static final String LOG_FILE = "registry.log";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path workDir;
  private final RegistryStorage storage;
  private final Map<String, String> systemProperties;
  private final int port;
  private final int managementPort;
  private ChildProcess process;

  private LocalSchemaRegistry(Builder b, int port, int managementPort) {
    this.workDir = b.workDir.toAbsolutePath();
    this.storage = b.storage;
    this.systemProperties = Map.copyOf(b.systemProperties);
    this.port = port;
    this.managementPort = managementPort;
  }

  /** Starts a registry on free ports; its log ({@code registry.log}) and temporary files go to {@code workDir}. */
  public static LocalSchemaRegistry start(Path workDir) {
    return builder(workDir).start();
  }

  /**
   * Like {@link #start(Path)}, with extra system properties for the registry (Quarkus / Apicurio settings such
   * as {@code apicurio.ccompat.legacy-id-mode.enabled}).
   */
  public static LocalSchemaRegistry start(Path workDir, Map<String, String> systemProperties) {
    return builder(workDir).systemProperties(systemProperties).start();
  }

  /** Options: the storage (in memory unless told), ports, extra system properties. */
  public static Builder builder(Path workDir) {
    return new Builder(workDir);
  }

  /** Options of a registry to start. */
  public static final class Builder {
    private final Path workDir;
    private RegistryStorage storage = RegistryStorage.inMemory();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private int port;

    private Builder(Path workDir) {
      this.workDir = Objects.requireNonNull(workDir, "workDir");
    }

    /** Where the schemas are kept (default {@link RegistryStorage#inMemory()}). */
    public Builder storage(RegistryStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The HTTP port (default: a free one); the management port is always a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Extra system properties for the registry; they override the storage's settings. */
    public Builder systemProperties(Map<String, String> properties) {
      systemProperties.putAll(properties);
      return this;
    }

    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    /** Starts the registry; returns once it is ready (its storage bootstrapped). */
    public LocalSchemaRegistry start() {
      int[] free = FreePorts.many(2);
      LocalSchemaRegistry registry = new LocalSchemaRegistry(this, port > 0 ? port : free[0], free[1]);
      registry.launch();
      return registry;
    }
  }

  /**
   * Stops the registry if it runs (as {@link #close()}) and starts it again on the same ports, storage and work
   * directory. On persistent storage it comes back with every schema under its old id; in memory, empty.
   */
  public synchronized void restart() {
    if (isRunning()) {
      process.stop(STOP_GRACE);
    }
    launch();
  }

  private synchronized void launch() {
    long t0 = System.nanoTime();
    Path tmp = workDir.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + tmp, e);
    }
    Path home = ApicurioDistribution.configured().home();
    Path javaHome = JavaRuntimes.findJavaHome(MIN_JAVA);
    List<String> command = new ArrayList<>();
    command.add(JavaRuntimes.javaExecutable(javaHome).toString());
    command.add("-Xmx512m");
    // a development registry serves a handful of requests: C1-only JIT and the serial collector cut its
    // start-up CPU, which matters on small machines and when several start at once
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.management.host=127.0.0.1");
    command.add("-Dquarkus.management.port=" + managementPort);
    Map<String, String> settings = new LinkedHashMap<>(storage.systemProperties());
    settings.putAll(systemProperties);
    settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(home.resolve("quarkus-run.jar").toString());

    process = ChildProcess.start("schema-registry", command, workDir, workDir.resolve(LOG_FILE), Map.of());
    ChildProcess started = process;
    try {
      Readiness.await("Schema registry on port " + port, started, READY_TIMEOUT, this::ready,
          () -> started.logTail(40));
    } catch (RuntimeException e) {
      started.kill();
      throw e;
    }
    LOG.info("Schema registry ready at {} (pid {}, Java {}, storage {}) in {} ms", url(), started.pid(),
        javaHome, storage, (System.nanoTime() - t0) / 1_000_000);
  }

  /** The Confluent-compatible API root, {@code http://127.0.0.1:<port>/apis/ccompat/v7}, for serializers. */
  public String url() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  /** {@code http://127.0.0.1:<port>}: the registry's own REST API ({@code /apis/registry/v3}) and web console. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The Quarkus management port serving {@code /health/ready} and metrics. */
  public int managementPort() {
    return managementPort;
  }

  /** Where the schemas are kept. */
  public RegistryStorage storage() {
    return storage;
  }

  /** The pid of the current (or last) registry process. */
  public synchronized long pid() {
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public Path logFile() {
    return workDir.resolve(LOG_FILE);
  }

  /** Stops the registry and anything it started: SIGTERM, then SIGKILL after 15 s. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.stop(STOP_GRACE);
    }
  }

  /** Kills the registry at once (SIGKILL), as in a crash; {@link #restart()} brings it back. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
    }
  }

  @Override
  public String toString() {
    return "LocalSchemaRegistry[" + url() + ", " + storage + "]";
  }

  private boolean ready() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find();
  }
}
