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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry (in-memory storage) running as a child process on 127.0.0.1, offering the
 * Confluent-compatible schema registry API the Avro serializers talk to.
 *
 * <p>Why Apicurio in a child process: it is an Apache-licensed registry with a Confluent-compatible API that runs
 * from the Maven Central distribution, so demos and integration tests need neither Docker nor a manual install.
 * It needs Java 21+, which {@link JavaRuntimes} finds even when this JVM is Java 17. Each instance gets its own
 * ports and its own working and temporary directory (the registry writes a Vert.x cache and a native Brotli
 * library to {@code java.io.tmpdir}), so several can run at once from one shared unpacked distribution.
 * Schemas live in memory and are gone when the registry stops.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSchemaRegistry.class);
  private static final int MIN_JAVA = 21;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
  private static final String LOG_FILE = "registry.log";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final int managementPort;
  private final ChildProcess process;

  private LocalSchemaRegistry(int port, int managementPort, ChildProcess process) {
    this.port = port;
    this.managementPort = managementPort;
    this.process = process;
  }

  /** Starts a registry on free ports; its log ({@code registry.log}) and temporary files go to {@code workDir}. */
  public static LocalSchemaRegistry start(Path workDir) {
    return start(workDir, Map.of());
  }

  /**
   * Like {@link #start(Path)}, with extra system properties for the registry (Quarkus / Apicurio settings such
   * as {@code apicurio.ccompat.legacy-id-mode.enabled}).
   */
  public static LocalSchemaRegistry start(Path workDir, Map<String, String> systemProperties) {
    long t0 = System.nanoTime();
    Path dir = workDir.toAbsolutePath();
    Path tmp = dir.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + tmp, e);
    }
    Path home = ApicurioDistribution.configured().home();
    Path javaHome = JavaRuntimes.findJavaHome(MIN_JAVA);
    int[] ports = FreePorts.many(2);
    List<String> command = new ArrayList<>();
    command.add(JavaRuntimes.javaExecutable(javaHome).toString());
    command.add("-Xmx512m");
    // a development registry serves a handful of requests: C1-only JIT and the serial collector cut its
    // start-up CPU, which matters on small machines and when several start at once
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + ports[0]);
    command.add("-Dquarkus.management.host=127.0.0.1");
    command.add("-Dquarkus.management.port=" + ports[1]);
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(home.resolve("quarkus-run.jar").toString());

    ChildProcess process = ChildProcess.start("schema-registry", command, dir, dir.resolve(LOG_FILE), Map.of());
    LocalSchemaRegistry registry = new LocalSchemaRegistry(ports[0], ports[1], process);
    try {
      Readiness.await("Schema registry on port " + ports[0], process, READY_TIMEOUT, registry::ready,
          () -> process.logTail(40));
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
    LOG.info("Schema registry ready at {} (pid {}, Java {}) in {} ms", registry.url(), process.pid(),
        javaHome, (System.nanoTime() - t0) / 1_000_000);
    return registry;
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

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  public Path logFile() {
    return process.logFile();
  }

  /** Stops the registry and anything it started: SIGTERM, then SIGKILL after 15 s. */
  @Override
  public void close() {
    process.stop(STOP_GRACE);
  }

  /** Kills the registry at once (SIGKILL). */
  public void kill() {
    process.kill();
  }

  @Override
  public String toString() {
    return "LocalSchemaRegistry[" + url() + ", pid " + pid() + "]";
  }

  private boolean ready() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find();
  }
}
