package io.campaignpulse.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the two files a single-node KRaft broker needs: {@code server.properties} and a log4j2 configuration
 * (Kafka 4 logs nothing without one). Separate from {@link LocalKafkaBroker} so the rendering can be unit tested.
 */
final class KafkaServerConfig {

  static final String SERVER_PROPERTIES = "server.properties";
  static final String LOG4J2_XML = "log4j2.xml";
  static final String BROKER_LOG = "broker.log";
  static final String LOG_DIR = "kraft-combined-logs";

  private KafkaServerConfig() {
  }

  /** The broker settings of a broker with one PLAINTEXT client listener; {@code extra} overrides any default. */
  static Map<String, String> serverProperties(Path dataDir, int port, int controllerPort, int partitions,
                        boolean autoCreateTopics, Map<String, String> extra) {
    return serverProperties(dataDir, Map.of("PLAINTEXT", port), controllerPort, partitions, autoCreateTopics,
        ListenerSecurity.NONE, extra);
  }

  /**
   * The broker settings. Each client listener is named after its security protocol ({@code PLAINTEXT},
   * {@code SASL_PLAINTEXT}, {@code SSL}, {@code SASL_SSL}) and listens on its port; the first one in iteration
   * order is also the broker's own (inter-broker) listener. {@code extra} is applied last and so overrides any
   * default.
   */
  static Map<String, String> serverProperties(Path dataDir, Map<String, Integer> listeners, int controllerPort,
      int partitions, boolean autoCreateTopics, ListenerSecurity security, Map<String, String> extra) {
    if (listeners.isEmpty()) {
      throw new IllegalArgumentException("a broker needs at least one client listener");
    }
    StringBuilder addresses = new StringBuilder();
    StringBuilder protocols = new StringBuilder("CONTROLLER:PLAINTEXT");
    listeners.forEach((protocol, port) -> {
      addresses.append(protocol).append("://127.0.0.1:").append(port).append(',');
      protocols.append(',').append(protocol).append(':').append(protocol);
    });
    addresses.append("CONTROLLER://127.0.0.1:").append(controllerPort);
    Map<String, String> p = new TreeMap<>();
    p.put("node.id", "1");
    p.put("process.roles", "broker,controller");
    p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.put("listeners", addresses.toString());
    p.put("advertised.listeners", addresses.toString());
    p.put("listener.security.protocol.map", protocols.toString());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", listeners.keySet().iterator().next());
    for (String protocol : listeners.keySet()) {
      p.putAll(security.listenerProperties(protocol));
    }
    p.put("log.dirs", dataDir.toAbsolutePath().resolve(LOG_DIR).toString());
    p.put("num.partitions", Integer.toString(partitions));
    p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // After a SIGKILL the restarted broker must wait for its old session to expire before it may register
    // again (DUPLICATE_BROKER_REGISTRATION); the 9 s default would make every crash drill that much slower.
    p.put("broker.session.timeout.ms", "4000");
    p.put("broker.heartbeat.interval.ms", "1000");
    p.putAll(extra);
    return p;
  }

  static Path writeServerProperties(Path dataDir, Map<String, String> properties) throws IOException {
    StringBuilder text = new StringBuilder("# Written by ").append(LocalKafkaBroker.class.getName())
        .append("; rewritten on every start.\n");
    properties.forEach((k, v) -> text.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
    return Files.writeString(dataDir.resolve(SERVER_PROPERTIES), text, StandardCharsets.UTF_8);
  }

  /** A log4j2 configuration that sends everything at INFO and above to {@code broker.log}, nothing to console. */
  static Path writeLog4j2(Path dataDir) throws IOException {
    String logFile = xml(dataDir.toAbsolutePath().resolve(BROKER_LOG).toString());
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="WARN">
          <Appenders>
          <File name="file" fileName="%s" append="true">
            <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
          </File>
          </Appenders>
          <Loggers>
          <Logger name="kafka.request.logger" level="WARN"/>
          <Logger name="org.apache.kafka.clients" level="WARN"/>
          <Root level="INFO">
            <AppenderRef ref="file"/>
          </Root>
          </Loggers>
        </Configuration>
        """.formatted(logFile);
    return Files.writeString(dataDir.resolve(LOG4J2_XML), xml, StandardCharsets.UTF_8);
  }

  /** java.util.Properties escaping: backslashes and line breaks always; separators and spaces in keys. */
  private static String escape(String s, boolean key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '=', ':', '#', '!', ' ' -> {
          if (key || (i == 0 && c != '=' && c != ':')) {
            out.append('\\');
          }
          out.append(c);
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
