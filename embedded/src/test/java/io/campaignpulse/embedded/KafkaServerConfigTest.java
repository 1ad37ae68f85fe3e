package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void writesALog4j2FileConfiguration() throws IOException {
    Path file = KafkaServerConfig.writeLog4j2(tmp);
    assertThat(Files.readString(file))
        .contains("fileName=\"" + tmp.resolve("broker.log") + "\"")
        .doesNotContain("<Console");
  }
}
