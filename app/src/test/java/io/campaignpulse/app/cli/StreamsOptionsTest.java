package io.campaignpulse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.app.CampaignPulse;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Flags of {@code streams}: alert flags that do not parse are usage errors (exit 2) before anything starts; the
 * HTTP flags make the API settings.
 */
class StreamsOptionsTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new CampaignPulse());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void aWebhookThatIsNotAnHttpUrlIsAUsageError() {
    assertThat(run("streams", "--bootstrap-servers", "127.0.0.1:1", "--alert-webhook", "hooks/alerts")).isEqualTo(2);
    assertThat(err.toString()).contains("--alert-webhook").contains("http:// or https://");
  }

  @Test
  void aBurnWindowOfPartHoursIsAUsageError() {
    assertThat(run("streams", "--bootstrap-servers", "127.0.0.1:1", "--burn-window", "PT90M")).isNotZero();
    assertThat(err.toString()).contains("whole hours");
  }

  @Test
  void anApiTokenABearerHeaderCannotCarryIsAUsageErrorThatDoesNotEchoIt() {
    assertThat(run("streams", "--bootstrap-servers", "127.0.0.1:1", "--api-token", "geheim token")).isEqualTo(2);
    assertThat(err.toString()).contains("--api-token").contains("bearer token").doesNotContain("geheim");
  }

  @Test
  void theApiSettingsComeFromTheHttpFlags() {
    StreamsOptions options = new StreamsOptions();
    new CommandLine(options).parseArgs("--http-host", "0.0.0.0", "--http-port", "9090", "--advertised-host",
        "pulse-1.internal", "--api-token", "t0ken");
    assertThat(options.apiSettings())
        .isEqualTo(new io.campaignpulse.app.ApiSettings("0.0.0.0", 9090, "pulse-1.internal", "t0ken"));
  }

  @Test
  void ordersStateFromInputIsOnByDefaultAndReachesTheAnalyticsAndTheStartupCheck() {
    ClusterOptions cluster = new ClusterOptions();
    new CommandLine(cluster).parseArgs("--bootstrap-servers", "127.0.0.1:1");
    StreamsOptions byDefault = new StreamsOptions();
    new CommandLine(byDefault).parseArgs();
    StreamsOptions fromInput = new StreamsOptions();
    new CommandLine(fromInput).parseArgs("--orders-state-from-input");
    StreamsOptions explicitlyOff = new StreamsOptions();
    new CommandLine(explicitlyOff).parseArgs("--orders-state-from-input=false");
    StreamsOptions negated = new StreamsOptions();
    new CommandLine(negated).parseArgs("--no-orders-state-from-input");

    assertThat(cluster.toConfig(byDefault).ordersFromInput()).isTrue();
    assertThat(cluster.toConfig(byDefault).analytics().ordersFromInput()).isTrue();
    assertThat(cluster.toConfig(fromInput).ordersFromInput()).isTrue();
    assertThat(cluster.toConfig(fromInput).analytics().ordersFromInput()).isTrue();
    assertThat(cluster.toConfig(explicitlyOff).analytics().ordersFromInput()).isFalse();
    assertThat(cluster.toConfig(negated).analytics().ordersFromInput()).isFalse();
    // the other settings keep it, and the settings the tests and tools build have the same default
    assertThat(cluster.toConfig(negated).withStateDir(java.nio.file.Path.of("other")).ordersFromInput()).isFalse();
    // with it, the main consumer's blocking calls (the leader's committed-offsets lookup in a rebalance) are bounded
    assertThat(cluster.toConfig(byDefault).streamsProperties(null))
        .containsEntry("main.consumer.default.api.timeout.ms", "3000");
    assertThat(cluster.toConfig(negated).streamsProperties(null)).doesNotContainKey(
        "main.consumer.default.api.timeout.ms");
    assertThat(cluster.toConfig(byDefault).ordersFromInput()).isEqualTo(
        io.campaignpulse.app.config.PulseConfig.DEFAULT_ORDERS_FROM_INPUT);
  }

  @Test
  void streamThreadsAreOneByDefaultAndReachKafkaStreams() {
    ClusterOptions cluster = new ClusterOptions();
    new CommandLine(cluster).parseArgs("--bootstrap-servers", "127.0.0.1:1");
    StreamsOptions byDefault = new StreamsOptions();
    new CommandLine(byDefault).parseArgs();
    StreamsOptions two = new StreamsOptions();
    new CommandLine(two).parseArgs("--stream-threads", "2");

    assertThat(cluster.toConfig(byDefault).streamsProperties(null))
        .containsEntry(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    assertThat(cluster.toConfig(two).streamsProperties(null))
        .containsEntry(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
    // the other settings keep it
    assertThat(cluster.toConfig(two).withStandbyReplicas(1).withOrdersFromInput(false).streamThreads()).isEqualTo(2);
  }

  @Test
  void noStreamThreadIsAUsageError() {
    assertThat(run("streams", "--bootstrap-servers", "127.0.0.1:1", "--stream-threads", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--stream-threads").contains("at least one stream thread")
        .doesNotContain("at io.campaignpulse");
  }
}
