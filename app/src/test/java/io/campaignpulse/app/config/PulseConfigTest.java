package io.campaignpulse.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.contract.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PulseConfigTest {

  @TempDir
  Path temp;

  private PulseConfig config(Path clientConfig) {
    return new PulseConfig("127.0.0.1:9092", "mock://config-test", TopicNames.defaults(), 6, (short) 1, "app",
        temp.resolve("state"), 100, 1, clientConfig);
  }

  @Test
  void producersAreIdempotentWithAllAcksByDefault() {
    Properties props = config(null).producerProperties("p");

    assertThat(props).containsEntry("enable.idempotence", "true").containsEntry("acks", "all")
        .containsEntry("compression.type", "lz4").containsEntry("bootstrap.servers", "127.0.0.1:9092");
  }

  @Test
  void producerFileOverridesClientFileWhichOverridesDefaults() throws Exception {
    // Given a client file for every client and a producer file for producers only
    Path client = Files.writeString(temp.resolve("client.properties"),
        "security.protocol=SASL_PLAINTEXT\ncompression.type=zstd\nlinger.ms=50\n");
    Path producer = Files.writeString(temp.resolve("producer.properties"), "linger.ms=5\n");

    // When both apply
    PulseConfig config = config(client).withProducerConfig(producer);

    // Then the producer sees both, the later one winning; the streams app sees only the client file
    assertThat(config.producerProperties("p")).containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("compression.type", "zstd").containsEntry("linger.ms", "5");
    assertThat(config.streamsProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("linger.ms", "50");
  }

  @Test
  void streamsRunExactlyOnceWithShortTransactionRetries() {
    Properties props = config(null).streamsProperties();

    assertThat(props).containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.id", "app")
        .containsEntry("num.standby.replicas", "1")
        .containsEntry("commit.interval.ms", "100")
        .containsEntry("producer.retry.backoff.ms", "10");
  }

  @Test
  void streamsFileOverridesClientFileAndTheAppsSettingsForTheStreamsAppOnly() throws Exception {
    // Given a client file for every client and a streams file for the streams app
    Path client = Files.writeString(temp.resolve("client-s.properties"), "security.protocol=SASL_PLAINTEXT\n"
        + "num.stream.threads=3\n");
    Path streams = Files.writeString(temp.resolve("streams.properties"), "num.stream.threads=2\n"
        + "commit.interval.ms=250\napplication.server=pulse-1:8080\n");

    // When both apply
    PulseConfig config = config(client).withStreamsConfig(streams).withAnalytics(
        java.time.ZoneId.of("Asia/Shanghai"), java.time.Duration.ofHours(2));

    // Then the streams app sees the streams file last; producers and the admin client do not see it
    assertThat(config.streamsProperties("host:1")).containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("num.stream.threads", "2").containsEntry("commit.interval.ms", "250")
        .containsEntry("application.server", "pulse-1:8080");
    assertThat(config.producerProperties("p")).doesNotContainKey("commit.interval.ms");
    assertThat(config.adminProperties()).doesNotContainKey("commit.interval.ms");
  }

  @Test
  void aPropertiesFileThatCannotBeReadIsAStartupErrorNamingIt() {
    Path missing = temp.resolve("no-such-streams.properties");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> config(null).withStreamsConfig(missing).streamsProperties())
        .isInstanceOf(io.campaignpulse.app.kafka.StartupException.class)
        .hasMessageContaining("no-such-streams.properties");
  }
}
