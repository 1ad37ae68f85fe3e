package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StartupErrorsTest {

  @Test
  void streamsCommandExitsWithOneLineNamingTheRegistryWhenItIsUnreachable() throws Exception {
    // Given a port nothing listens on
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
    CommandLine cli = CampaignPulse.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    // When the streams app starts against it
    int exit = cli.execute("streams", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", url,
        "--http-port", "0");

    // Then it stops at once with a non-zero exit and one line that names the URL
    assertThat(exit).isNotZero();
    String message = err.toString().strip();
    assertThat(message.lines()).hasSize(1);
    assertThat(message).startsWith("campaign-pulse: schema registry " + url);
  }

  @Test
  void unknownTopicRoleIsAUsageError() {
    CommandLine cli = CampaignPulse.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));

    int exit = cli.execute("streams", "--topic", "orderz=my-orders");

    assertThat(exit).isEqualTo(2);
  }
}
