package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServerConfigTest {

  @TempDir
  Path tmp;

  @Test
  void writesASingleNodeKraftConfigThatExtrasOverride() throws IOException {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"a\" password=\"b=c\";";
    Map<String, String> config = KafkaServerConfig.serverProperties(tmp, 9092, 9093, 3, false, Map.of(
        "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT",
        "listener.name.plaintext.plain.sasl.jaas.config", jaas));
    KafkaServerConfig.writeServerProperties(tmp, config);

    Properties read = new Properties();
    try (Reader in = Files.newBufferedReader(tmp.resolve("server.properties"))) {
      read.load(in);
    }
    assertThat(read)
        .containsEntry("node.id", "1")
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:9093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("num.partitions", "3")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("log.dirs", tmp.resolve("kraft-combined-logs").toString())
        .containsEntry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT")
        .containsEntry("listener.name.plaintext.plain.sasl.jaas.config", jaas);
  }

  @Test
  void namesEachClientListenerAfterItsProtocolWithItsOwnSaslAndTlsSettings() {
    ListenerSecurity security = new ListenerSecurity("SCRAM-SHA-256", "admin", "admin-secret",
        new ListenerSecurity.Tls(tmp.resolve("broker.p12"), "key-pass", tmp.resolve("trust.p12"), "trust-pass"));
    Map<String, Integer> listeners = new LinkedHashMap<>();
    listeners.put("SASL_PLAINTEXT", 9092);
    listeners.put("SASL_SSL", 9094);
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" "
        + "password=\"admin-secret\";";

    Map<String, String> config = KafkaServerConfig.serverProperties(tmp, listeners, 9093, 1, false, security,
        Map.of());

    String addresses = "SASL_PLAINTEXT://127.0.0.1:9092,SASL_SSL://127.0.0.1:9094,CONTROLLER://127.0.0.1:9093";
    assertThat(config)
        .containsEntry("listeners", addresses)
        .containsEntry("advertised.listeners", addresses)
        .containsEntry("listener.security.protocol.map",
            "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("inter.broker.listener.name", "SASL_PLAINTEXT")
        .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-256")
        .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256")
        .containsEntry("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", jaas)
        .containsEntry("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config", jaas)
        .containsEntry("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12")
        .containsEntry("listener.name.sasl_ssl.ssl.keystore.location", tmp.resolve("broker.p12").toString())
        .containsEntry("listener.name.sasl_ssl.ssl.keystore.password", "key-pass")
        .containsEntry("listener.name.sasl_ssl.ssl.truststore.location", tmp.resolve("trust.p12").toString())
        .containsEntry("listener.name.sasl_ssl.ssl.truststore.password", "trust-pass")
        .doesNotContainKey("listener.name.sasl_plaintext.ssl.keystore.location");
    assertThat(security.clientProperties("SASL_SSL"))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry("sasl.jaas.config", jaas)
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("ssl.truststore.location", tmp.resolve("trust.p12").toString())
        .containsEntry("ssl.truststore.password", "trust-pass");
    assertThat(security.clientProperties("SASL_PLAINTEXT")).doesNotContainKey("ssl.truststore.location");
    assertThat(security.defaultProtocol()).isEqualTo("SASL_SSL");
  }

  @Test
  void aListenerWithoutTheSecurityItsProtocolNeedsIsRefused() {
    ListenerSecurity saslOnly = new ListenerSecurity("SCRAM-SHA-256", "admin", "secret", null);
    assertThat(saslOnly.defaultProtocol()).isEqualTo("SASL_PLAINTEXT");
    assertThat(ListenerSecurity.NONE.defaultProtocol()).isEqualTo("PLAINTEXT");
    assertThatThrownBy(() -> KafkaServerConfig.serverProperties(tmp, Map.of("SASL_SSL", 9092), 9093, 1, false,
        saslOnly, Map.of())).isInstanceOf(IllegalStateException.class).hasMessageContaining("Builder.tls");
    assertThatThrownBy(() -> ListenerSecurity.NONE.listenerProperties("SASL_PLAINTEXT"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Builder.saslScram");
    assertThatThrownBy(() -> ListenerSecurity.NONE.listenerProperties("TLS"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SASL_SSL");
  }

  @Test
  void writesALog4j2FileConfiguration() throws IOException {
    Path file = KafkaServerConfig.writeLog4j2(tmp);
    assertThat(Files.readString(file))
        .contains("fileName=\"" + tmp.resolve("broker.log") + "\"")
        .doesNotContain("<Console");
  }
}
