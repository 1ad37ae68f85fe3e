package io.campaignpulse.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller roles in one process) running in a child JVM on
 * 127.0.0.1.
 *
 * <p>Why a child JVM rather than an in-process broker: the broker's threads, memory and logging stay out of the
 * application or test JVM, and failure drills are real — {@link #kill()} is a SIGKILL, {@link #restart()} recovers
 * from the same data directory and ports like a production broker would. The child runs {@code kafka.Kafka} from
 * this JVM's own class path, so nothing has to be installed.
 *
 * <p>The data directory holds {@code server.properties}, {@code log4j2.xml}, the broker log {@code broker.log},
 * the child's console output {@code broker.out} and the partitions under {@code kraft-combined-logs/}. It is
 * formatted only the first time; starting again on it keeps the data.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final String CONSOLE_LOG = "broker.out";

  private final Path dataDir;
  private final Map<String, Integer> listeners;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> serverProperties;
  private final Map<String, Object> clientProperties;
  private final List<String> jvmOptions;
  private final List<String> scramCredentials;
  private ChildProcess process;

  private LocalKafkaBroker(Builder b, Map<String, Integer> listeners, int controllerPort) {
    this.dataDir = b.dataDir.toAbsolutePath();
    this.listeners = Collections.unmodifiableMap(new LinkedHashMap<>(listeners));
    this.port = listeners.values().iterator().next();
    this.controllerPort = controllerPort;
    this.serverProperties = KafkaServerConfig.serverProperties(dataDir, listeners, controllerPort, b.partitions,
        b.autoCreateTopics, b.security, b.extraServerProperties);
    this.clientProperties = new LinkedHashMap<>(b.security.clientProperties(listeners.keySet().iterator().next()));
    this.clientProperties.putAll(b.clientProperties);
    this.clientProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    this.jvmOptions = List.copyOf(b.jvmOptions);
    this.scramCredentials = List.copyOf(b.scramCredentials);
  }

  /** Starts a broker with default settings (free ports, 1 partition per topic, no topic auto-creation). */
  public static LocalKafkaBroker start(Path dataDir) {
    return builder(dataDir).start();
  }

  /** Options for ports, partitions, extra broker settings (e.g. SASL listeners) and client settings. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** {@code 127.0.0.1:<port>} of the (first) client listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:<port>} of the client listener of a security protocol (see {@link Builder#listeners}). */
  public String bootstrapServers(String protocol) {
    Integer listenerPort = listeners.get(protocol);
    if (listenerPort == null) {
      throw new IllegalArgumentException("no " + protocol + " listener; the broker has " + listeners.keySet());
    }
    return "127.0.0.1:" + listenerPort;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The broker's own log ({@code broker.log} in the data directory). */
  public Path logFile() {
    return dataDir.resolve(KafkaServerConfig.BROKER_LOG);
  }

  /**
   * Settings for clients of the (first) client listener: {@code bootstrap.servers}, the security settings (logging
   * in as the broker's own SASL user, trusting its CA) and the client settings given to the builder.
   */
  public Map<String, Object> clientProperties() {
    return Map.copyOf(clientProperties);
  }

  /** The pid of the current (or last) broker process. */
  public synchronized long pid() {
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the broker if it runs (like {@link #close()}) and starts it again on the same ports and data. */
  public synchronized void restart() {
    if (isRunning()) {
      process.stop(STOP_GRACE);
    }
    launch();
  }

  /** Kills the broker process at once (SIGKILL), as in a crash; {@link #restart()} brings it back. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
    }
  }

  /** Stops the broker: SIGTERM (controlled shutdown), then SIGKILL if it has not exited after 15 s. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.stop(STOP_GRACE);
    }
  }

  @Override
  public String toString() {
    return "LocalKafkaBroker[" + bootstrapServers() + ", " + dataDir + "]";
  }

  private synchronized void launch() {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      KafkaServerConfig.writeServerProperties(dataDir, serverProperties);
      KafkaServerConfig.writeLog4j2(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the broker configuration into " + dataDir, e);
    }
    if (!isFormatted()) {
      format();
    }
    List<String> brokerJvm = new ArrayList<>(List.of("-Xms128m", "-Xmx512m"));
    brokerJvm.addAll(jvmOptions);
    process = ChildProcess.start("kafka-broker", javaCommand(brokerJvm, "kafka.Kafka",
        dataDir.resolve(KafkaServerConfig.SERVER_PROPERTIES).toString()), dataDir,
        dataDir.resolve(CONSOLE_LOG), Map.of());
    try {
      awaitReady();
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
    LOG.info("Kafka broker ready on {} (pid {}) in {} ms", bootstrapServers(), process.pid(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private boolean isFormatted() {
    String logDirs = serverProperties.get("log.dirs");
    return Files.isRegularFile(Path.of(logDirs.split(",")[0].trim()).resolve("meta.properties"));
  }

  private void format() {
    String clusterId = Uuid.randomUuid().toString();
    // a short-lived tool: C1 only and the serial collector start fastest
    List<String> toolJvm = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    List<String> args = new ArrayList<>(List.of("format", "--standalone", "-t", clusterId, "-c",
        dataDir.resolve(KafkaServerConfig.SERVER_PROPERTIES).toString()));
    for (String credential : scramCredentials) {
      args.add("--add-scram");
      args.add(credential);
    }
    ChildProcess formatter = ChildProcess.start("kafka-storage-format", javaCommand(toolJvm,
        "kafka.tools.StorageTool", args.toArray(String[]::new)), dataDir,
        dataDir.resolve("format.log"), Map.of());
    if (!formatter.waitFor(FORMAT_TIMEOUT)) {
      formatter.kill();
      throw new EmbeddedServiceException("formatting " + dataDir + " took longer than "
          + FORMAT_TIMEOUT.toSeconds() + " s:\n" + formatter.logTail(30));
    }
    if (formatter.exitCode() != 0) {
      throw new EmbeddedServiceException("formatting " + dataDir + " failed (exit " + formatter.exitCode()
          + "):\n" + formatter.logTail(30));
    }
  }

  private List<String> javaCommand(List<String> jvm, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(JavaRuntimes.currentJava().toString());
    command.addAll(jvm);
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=" + dataDir.resolve(KafkaServerConfig.LOG4J2_XML));
    command.add("-Dkafka.logs.dir=" + dataDir);
    command.add("-cp");
    command.add(childClassPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * This JVM's class path, plus the jars of a {@link URLClassLoader} the application may run in (e.g. under
   * {@code mvn exec:java}, where {@code java.class.path} holds only Maven's launcher).
   */
  static String childClassPath() {
    // absolute, since the child runs in the data directory (java -jar app/target/x.jar gives a relative path)
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
      if (cl instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            try {
              entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException ignored) {
              // not a plain file: skip it
            }
          }
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Waits until the client port accepts connections and an Admin client gets the cluster's nodes. One Admin is
   * kept for the whole wait: its request queues on the open connection and is answered the moment the broker
   * enables request processing, instead of timing out and starting over.
   */
  private void awaitReady() {
    Admin[] admin = new Admin[1];
    try {
      Readiness.await("Kafka broker on " + bootstrapServers(), process, READY_TIMEOUT, () -> {
        if (!portAccepts()) {
          return false; // checked first so the Admin client does not log a warning per refused connection
        }
        if (admin[0] == null) {
          admin[0] = Admin.create(readinessAdminConfig());
        }
        return !admin[0].describeCluster(new DescribeClusterOptions().timeoutMs(1000)).nodes()
            .get(2, TimeUnit.SECONDS).isEmpty() && everyPartitionLed(admin[0]);
      }, this::logTails);
    } finally {
      if (admin[0] != null) {
        admin[0].close(Duration.ofSeconds(1));
      }
    }
  }

  /**
   * True when every partition of every topic (internal ones included) has a leader. A broker restarted on its data
   * answers metadata before it leads its partitions again; a producer that starts sending in that gap gets
   * NOT_LEADER_OR_FOLLOWER, and an idempotent one can then be stuck on OUT_OF_ORDER_SEQUENCE_NUMBER for minutes.
   */
  private static boolean everyPartitionLed(Admin admin) throws Exception {
    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(2, TimeUnit.SECONDS);
    if (topics.isEmpty()) {
      return true;
    }
    return admin.describeTopics(topics).allTopicNames().get(2, TimeUnit.SECONDS).values().stream()
        .flatMap(topic -> topic.partitions().stream())
        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
  }

  private boolean portAccepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private Properties readinessAdminConfig() {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    return props;
  }

  private String logTails() {
    return ChildProcess.tail(logFile(), 40) + System.lineSeparator() + "--- " + CONSOLE_LOG + " ---"
        + System.lineSeparator() + ChildProcess.tail(dataDir.resolve(CONSOLE_LOG), 20);
  }

  /** Settings for {@link LocalKafkaBroker}; every one has a default suitable for tests and the demo. */
  public static final class Builder {
    private final Path dataDir;
    private int port;
    private int controllerPort;
    private int partitions = 1;
    private boolean autoCreateTopics;
    private final Map<String, String> extraServerProperties = new LinkedHashMap<>();
    private final Map<String, Object> clientProperties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> scramCredentials = new ArrayList<>();
    private final List<String> listenerProtocols = new ArrayList<>();
    private ListenerSecurity security = ListenerSecurity.NONE;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** The port of the (first) client listener; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The controller port; 0 (default) picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /** {@code num.partitions} for topics created without a count (default 1). */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** {@code auto.create.topics.enable} (default false). */
    public Builder autoCreateTopics(boolean enabled) {
      this.autoCreateTopics = enabled;
      return this;
    }

    /**
     * Any broker setting, applied after the defaults so it overrides them (SASL and TLS listeners need none:
     * see {@link #saslScram}, {@link #tls} and {@link #listeners}).
     */
    public Builder serverProperty(String key, String value) {
      extraServerProperties.put(key, value);
      return this;
    }

    /**
     * Client settings used for the readiness check and returned by {@code clientProperties()}, over those the
     * listener's security implies.
     */
    public Builder clientProperty(String key, Object value) {
      clientProperties.put(key, value);
      return this;
    }

    /**
     * A SASL/SCRAM user the broker knows from its first start: written into the metadata when the storage is
     * formatted ({@code kafka-storage format --add-scram}), as KRaft requires for the broker's own credentials.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     */
    public Builder scramUser(String mechanism, String name, String password) {
      if (!name.matches("[A-Za-z0-9._-]+") || password.contains("\"") || password.contains("]")) {
        throw new IllegalArgumentException("SCRAM user names are letters, digits, '.', '_' and '-', and passwords "
            + "contain no '\"' or ']'");
      }
      scramCredentials.add(mechanism + "=[name=" + name + ",password=\"" + password + "\"]");
      return this;
    }

    /**
     * SASL/SCRAM on the client listeners whose protocol is {@code SASL_*}: {@code mechanism} is the one the broker
     * enables, and {@code user} (created like {@link #scramUser}) is the one its own connections and the readiness
     * check log in as. Create the users of the clients with {@link #scramUser}.
     */
    public Builder saslScram(String mechanism, String user, String password) {
      scramUser(mechanism, user, password);
      security = new ListenerSecurity(mechanism, user, password, security.tls());
      return this;
    }

    /**
     * TLS on the client listeners whose protocol is {@code SSL} or {@code SASL_SSL}: the broker's PKCS12 key store
     * (its key and a certificate clients can verify for 127.0.0.1) and a PKCS12 trust store with the CA that
     * signed it, which the broker's own connections and the readiness check use.
     */
    public Builder tls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
      security = new ListenerSecurity(security.saslMechanism(), security.saslUser(), security.saslPassword(),
          new ListenerSecurity.Tls(keyStore, keyStorePassword, trustStore, trustStorePassword));
      return this;
    }

    /**
     * The client listeners, one per security protocol ({@code PLAINTEXT}, {@code SASL_PLAINTEXT}, {@code SSL},
     * {@code SASL_SSL}), each named after its protocol on a port of its own; the first is the one
     * {@link LocalKafkaBroker#bootstrapServers()} names and the broker's own connections use. Default: one
     * listener, {@code PLAINTEXT}, or the protocol {@link #saslScram} and {@link #tls} make it.
     */
    public Builder listeners(String... protocols) {
      listenerProtocols.clear();
      listenerProtocols.addAll(List.of(protocols));
      return this;
    }

    /** Extra options for the broker JVM, e.g. {@code -Xmx1g}. */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /** Writes the configuration, formats the storage if new, starts the broker and waits until it answers. */
    public LocalKafkaBroker start() {
      List<String> protocols = listenerProtocols.isEmpty() ? List.of(security.defaultProtocol()) : listenerProtocols;
      if (new LinkedHashSet<>(protocols).size() != protocols.size()) {
        throw new IllegalArgumentException("one listener per security protocol: " + protocols);
      }
      // free ports other than the ones given, for the listeners and the controller that have none
      Deque<Integer> free = new ArrayDeque<>();
      for (int p : FreePorts.many(protocols.size() + 3)) {
        if (p != port && p != controllerPort) {
          free.add(p);
        }
      }
      Map<String, Integer> listeners = new LinkedHashMap<>();
      for (String protocol : protocols) {
        listeners.put(protocol, listeners.isEmpty() && port != 0 ? port : free.remove());
      }
      int controller = controllerPort != 0 ? controllerPort : free.remove();
      LocalKafkaBroker broker = new LocalKafkaBroker(this, listeners, controller);
      broker.launch();
      return broker;
    }
  }
}
