package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

  @Test
  void advertisesTheGivenHostWithTheBoundPort() {
    assertThat(new ApiSettings("0.0.0.0", 0, "pulse-2", null).advertised(41234))
        .isEqualTo(new HostInfo("pulse-2", 41234));
  }

  @Test
  void withoutAnAdvertisedHostTheBindHostIsAdvertised() {
    assertThat(ApiSettings.local("127.0.0.1", 0).advertised(8081)).isEqualTo(new HostInfo("127.0.0.1", 8081));
  }

  @Test
  void bindingEveryInterfaceAdvertisesTheMachinesNameNotTheWildcard() {
    HostInfo advertised = new ApiSettings("0.0.0.0", 8080, " ", null).advertised(8080);
    assertThat(advertised.host()).isNotBlank().isNotEqualTo("0.0.0.0");
    assertThat(advertised.port()).isEqualTo(8080);
  }

  @Test
  void neverShowsTheToken() {
    assertThat(new ApiSettings("127.0.0.1", 8080, null, "geheim-42").toString()).doesNotContain("geheim");
  }

  @Test
  void theEndpointParsesBackAsKafkaStreamsReadsApplicationServer() {
    for (HostInfo host : java.util.List.of(new HostInfo("pulse-1", 8080), new HostInfo("::1", 8081),
        new HostInfo("127.0.0.1", 0))) {
      assertThat(HostInfo.buildFromEndpoint(ApiSettings.endpoint(host))).isEqualTo(host);
    }
  }
}
