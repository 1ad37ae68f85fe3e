package io.campaignpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.query.AnalyticsQueries;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files as the API serves them: the page, its script and style, and ECharts from its webjar, open
 * with or without an API token (the page must load to ask for the token); the data behind it stays guarded.
 */
class DashboardPageTest {

  private static final String TOKEN = "dash-Token_7";
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;

  /** Queries that know no campaign: this test is about the files, not the numbers. */
  private static AnalyticsQueries noCampaigns() {
    return (AnalyticsQueries) Proxy.newProxyInstance(AnalyticsQueries.class.getClassLoader(),
        new Class<?>[] {AnalyticsQueries.class},
        (proxy, method, args) -> method.getReturnType() == Optional.class ? Optional.empty() : List.of());
  }

  private void start(String token) {
    server = new ApiServer(noCampaigns(), () -> "RUNNING", new ApiServer.Options(token, null)).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertServed(HttpResponse<String> response, String type, String content) {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
        .hasValueSatisfying(value -> assertThat(value).startsWith(type));
    assertThat(response.body()).contains(content);
  }

  private void assertTheDashboardIsServed() throws Exception {
    assertServed(get("/"), "text/html", "消费活动实时看板");
    assertServed(get("/index.html"), "text/html", "webjars/echarts/5.3.1/dist/echarts.min.js");
    assertServed(get("/dashboard.js"), "text/javascript", "api/stream");
    assertServed(get("/pulse.js"), "text/javascript", "SseParser");
    assertServed(get("/i18n.js"), "text/javascript", "拉动消费");
    assertServed(get("/dashboard.css"), "text/css", ".gauge");
    assertServed(get("/webjars/echarts/5.3.1/dist/echarts.min.js"), "text/javascript", "echarts");
  }

  @Test
  void withoutATokenThePageItsFilesAndEchartsAreServed() throws Exception {
    // Given the API without a token
    start(null);
    // When the browser loads the page and its files, Then each is served with its content type
    assertTheDashboardIsServed();
    assertThat(get("/api/campaigns").statusCode()).isEqualTo(200);
  }

  @Test
  void withATokenThePageStillLoadsSoItCanAskForTheTokenButItsDataNeedsIt() throws Exception {
    // Given the API with a token
    start(TOKEN);
    // When the browser loads the page without the token, Then the page and its files are served
    assertTheDashboardIsServed();
    // And the data behind it is refused without the token
    assertThat(get("/api/campaigns").statusCode()).isEqualTo(401);
    assertThat(get("/api/stream").statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownPathIsA404NotThePage() throws Exception {
    // Given the API serving the dashboard's files
    start(null);
    // When a path that is neither a route nor a file is asked for
    HttpResponse<String> response = get("/no-such-page.html");
    // Then it is a 404 with the API's JSON error body, not the page in its place
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("<html").contains("\"error\":\"not_found\"");
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
  }
}
