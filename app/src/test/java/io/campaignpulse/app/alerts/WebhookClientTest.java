package io.campaignpulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.alerts.WebhookClient.Verdict;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookClientTest {

  @ParameterizedTest
  @CsvSource({"200, DELIVERED", "201, DELIVERED", "204, DELIVERED", "408, RETRY", "429, RETRY", "500, RETRY",
      "502, RETRY", "503, RETRY", "400, REJECTED", "401, REJECTED", "404, REJECTED", "422, REJECTED",
      "301, REJECTED", "-1, RETRY"})
  void classifiesTheAnswer(int status, Verdict expected) throws Exception {
    try (ScriptedWebhook hook = ScriptedWebhook.start().answer("a-1", status)) {
      WebhookClient.Result result = new WebhookClient(hook.url()).post(AlertJsonTest.alert("a-1", "O-1"));

      assertThat(result.verdict()).isEqualTo(expected);
      assertThat(hook.attempts()).hasSize(1);
    }
  }

  @Test
  void postsTheAlertJsonWithItsIdAsIdempotencyKey() throws Exception {
    try (ScriptedWebhook hook = ScriptedWebhook.start()) {
      new WebhookClient(hook.url()).post(AlertJsonTest.alert("a-7", null));

      ScriptedWebhook.Attempt attempt = hook.attempts().get(0);
      assertThat(attempt.key()).isEqualTo("a-7");
      assertThat(attempt.contentType()).isEqualTo("application/json");
      ObjectMapper mapper = new ObjectMapper();
      assertThat(mapper.readTree(attempt.body()))
          .isEqualTo(mapper.readTree(AlertJson.toBytes(AlertJsonTest.alert("a-7", null))));
    }
  }

  @Test
  void aRejectionCarriesTheStatusAndTheStartOfTheBody() throws Exception {
    try (ScriptedWebhook hook = ScriptedWebhook.start().answer("a-1", 400)) {
      WebhookClient.Result result = new WebhookClient(hook.url()).post(AlertJsonTest.alert("a-1", null));

      assertThat(result.detail()).startsWith("HTTP 400").contains("scripted answer");
    }
  }

  @Test
  void nobodyListeningIsRetried() throws Exception {
    int port;
    try (ScriptedWebhook hook = ScriptedWebhook.start()) {
      port = hook.port();
    }
    WebhookClient.Result result = new WebhookClient(URI.create("http://127.0.0.1:" + port + "/hook"))
        .post(AlertJsonTest.alert("a-1", null));

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.detail()).contains("ConnectException");
  }

  @Test
  void onlyAbsoluteHttpUrlsWithAHostAreWebhooks() {
    for (String bad : new String[] {"hooks/alerts", "ftp://127.0.0.1/alerts", "http:///alerts", "mailto:x@y"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookClient(java.net.URI.create(bad)))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
    }
    assertThat(WebhookClient.requireHttpUrl(java.net.URI.create("https://bureau.example/hooks")).getHost())
        .isEqualTo("bureau.example");
  }
}
