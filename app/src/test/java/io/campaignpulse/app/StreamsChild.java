package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.embedded.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code campaign-pulse streams} JVM a failure drill started from the runnable jar (built in the package phase,
 * before failsafe runs), its output in its own log file: killed with SIGKILL (no clean close, no shutdown hook, an
 * open transaction) or stopped with SIGTERM, its API reached on the port it printed.
 */
final class StreamsChild {

  static final int SIGKILL_EXIT = 128 + 9;
  private static final Pattern API_LINE = Pattern.compile("API on http://127\\.0\\.0\\.1:(\\d+)/api/campaigns");
  private static final Duration API_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  final String name;
  final Process process;
  final Path log;
  final String command;
  private volatile Integer port;

  private StreamsChild(String name, Process process, Path log, String command) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.command = command;
  }

  /** The runnable jar; fails when the package phase has not built it. */
  static Path jar() {
    Path jar = Path.of("target", "campaign-pulse.jar").toAbsolutePath();
    assertThat(jar).as("the runnable jar (built in the package phase, before failsafe runs)").isRegularFile();
    return jar;
  }

  /**
   * What every child of one drill shares: the cluster, the registry, the application id, the partitions, the
   * client properties; {@code dir} holds the children's logs.
   */
  record Launcher(Path dir, String bootstrapServers, String registryUrl, String applicationId, int partitions,
      Path clientConfig) {

    /**
     * A launcher whose children use {@link #writeClientConfig a short session timeout}: the killed member of the
     * group stays in it until its session expires, and a rebalance waits for that; the broker's minimum (6 s)
     * instead of the consumer's default 45 s keeps each takeover short.
     */
    static Launcher withShortSessions(Path dir, String bootstrapServers, String registryUrl, String applicationId,
        int partitions) throws IOException {
      Path file = dir.resolve("client.properties");
      Files.writeString(file, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n", StandardCharsets.UTF_8);
      return new Launcher(dir, bootstrapServers, registryUrl, applicationId, partitions, file);
    }

    /** Starts {@code campaign-pulse streams} on {@code stateDir}, its API on a free port, plus {@code moreArgs}. */
    StreamsChild start(String name, Path stateDir, String... moreArgs) throws IOException {
      Path log = dir.resolve(name + ".log");
      Path log4j = dir.resolve("child-log4j2.xml");
      if (!Files.exists(log4j)) {
        Files.writeString(log4j, CHILD_LOG4J, StandardCharsets.UTF_8);
      }
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // C1 only and the serial collector: half the CPU for these short runs on a small shared machine
          "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Dlog4j2.configurationFile=" + log4j.toUri(),
          "-cp", jar().toString(),
          "io.campaignpulse.app.CampaignPulse", "streams",
          "--bootstrap-servers", bootstrapServers,
          "--schema-registry-url", registryUrl,
          "--application-id", applicationId,
          "--state-dir", stateDir.toString(),
          "--partitions", Integer.toString(partitions),
          "--client-config", clientConfig.toString(),
          "--http-port", "0"));
      command.addAll(List.of(moreArgs));
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      return new StreamsChild(name, process, log, String.join(" ", command));
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then the exit code. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s gone after SIGKILL", name).isTrue();
    return process.exitValue();
  }

  /** SIGTERM (the app's clean close), then the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s gone after SIGTERM", name).isTrue();
    return process.exitValue();
  }

  void destroy() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The streams state changes in the log, with their times, and how many stores lost their local state. */
  String summary() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> states = lines.stream().filter(l -> l.contains("streams state "))
        .map(l -> l.substring(0, Math.min(12, l.length())) + " " + l.substring(l.indexOf("streams state ") + 14))
        .toList();
    long wiped = lines.stream().filter(l -> l.contains("wipe out the local state")).count();
    return states + (wiped > 0 ? ", local state of " + wiped + " stores wiped (no checkpoint under EOS)" : "");
  }

  /** The lines of the log that contain {@code text}. */
  List<String> logLines(String text) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).toList();
  }

  /** The API port the app printed, once it has. */
  Integer apiPort() throws IOException {
    if (port == null) {
      Matcher m = API_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
      port = m.find() ? Integer.valueOf(m.group(1)) : null;
    }
    return port;
  }

  /** The API port, waiting until the app has printed it. */
  int awaitApiPort() {
    return await(name + " printed its API port").atMost(API_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .failFast(name + " died: " + this, () -> !isAlive())
        .until(this::apiPort, p -> p != null);
  }

  /** {@code GET path} on the child's API. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + awaitApiPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The body of {@code GET /api/campaigns}, or null while the stores are not queryable (503). */
  JsonNode campaigns() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/campaigns");
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  /**
   * {@code GET path}, again while the answer is 503 (the API's "retry later" while a partition is restoring or
   * moving); any other status fails at once.
   */
  HttpResponse<String> getOk(String path) {
    HttpResponse<String> response = await(name + " answers " + path).atMost(API_TIMEOUT)
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
        .failFast(name + " died: " + this, () -> !isAlive())
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(() -> get(path), r -> r.statusCode() != 503);
    assertThat(response.statusCode()).as(name + " " + path + ": " + response.body()).isEqualTo(200);
    return response;
  }

  /** Every alert id the child's API lists for these campaigns ({@code /api/campaigns/{id}/alerts}), sorted. */
  List<String> alertIds(Collection<Campaign> campaigns) throws IOException {
    List<String> ids = new ArrayList<>();
    for (Campaign c : campaigns) {
      String path = "/api/campaigns/" + URLEncoder.encode(c.getCampaignId(), StandardCharsets.UTF_8) + "/alerts";
      JSON.readTree(getOk(path).body()).forEach(a -> ids.add(a.get("alertId").asText()));
    }
    return ids.stream().sorted().toList();
  }

  /** The alert ids of {@code /api/alerts?limit=N}: the newest alerts of every instance, gathered, sorted. */
  List<String> recentAlertIds(int limit) throws IOException {
    List<String> ids = new ArrayList<>();
    JSON.readTree(getOk("/api/alerts?limit=" + limit).body()).forEach(a -> ids.add(a.get("alertId").asText()));
    return ids.stream().sorted().toList();
  }

  /** The last lines of each child's log, for a failure message. */
  static String logs(Collection<StreamsChild> children, int lines) {
    StringBuilder sb = new StringBuilder();
    for (StreamsChild child : children) {
      sb.append("--- ").append(child).append(", ").append(child.log).append(" (last ").append(lines)
          .append(" lines) ---").append(System.lineSeparator()).append(ChildProcess.tail(child.log, lines))
          .append(System.lineSeparator());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + (process.isAlive() ? "" : ", exit " + process.exitValue()) + ")";
  }

  /**
   * The app's console logging with its streams state changes and its tasks' lifecycle, thread names, into the
   * child's log file.
   */
  private static final String CHILD_LOG4J = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Configuration status="WARN">
        <Appenders>
          <Console name="console" target="SYSTEM_ERR">
            <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n"/>
          </Console>
        </Appenders>
        <Loggers>
          <Logger name="io.campaignpulse" level="INFO"/>
          <Logger name="io.campaignpulse.streams.PulseStreams" level="INFO"/>
          <!-- tasks created, suspended, resumed, closed clean or dirty: what happened to a task across rebalances -->
          <Logger name="org.apache.kafka.streams.processor.internals.TaskManager" level="INFO"/>
          <Logger name="org.apache.kafka.streams.processor.internals.StreamTask" level="INFO"/>
          <!-- each rebalance's task lags and placement -->
          <Logger name="org.apache.kafka.streams.processor.internals.StreamsPartitionAssignor" level="INFO"/>
          <Logger name="org.apache.kafka.streams.processor.internals.assignment" level="INFO"/>
          <Logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
          <Logger name="org.apache.kafka.clients.producer.internals.Sender" level="ERROR"/>
          <Logger name="org.apache.kafka.streams.StreamsConfig" level="ERROR"/>
          <Logger name="org.apache.kafka.streams.processor.internals.StateDirectory" level="ERROR"/>
          <Root level="WARN">
            <AppenderRef ref="console"/>
          </Root>
        </Loggers>
      </Configuration>
      """;
}
