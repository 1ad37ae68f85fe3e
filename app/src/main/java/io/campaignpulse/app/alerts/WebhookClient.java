package io.campaignpulse.app.alerts;

import io.campaignpulse.avro.BudgetAlert;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Posts one alert to the webhook and classifies the outcome. The body is {@link AlertJson}, with headers
 * {@code Content-Type: application/json} and {@code Idempotency-Key: <alertId>} so a receiver can drop the
 * duplicates that at-least-once delivery may produce. 2xx is {@link Verdict#DELIVERED}; no answer (connection
 * refused or reset, timeout), 408, 429 and 5xx are {@link Verdict#RETRY}; any other status (other 4xx, and
 * 1xx/3xx: redirects are not followed) is {@link Verdict#REJECTED}, with a snippet of the response body.
 */
public final class WebhookClient {

  /** What the receiver made of one attempt. */
  public enum Verdict { DELIVERED, RETRY, REJECTED }

  /** The verdict and what to log about it ({@code HTTP 503}, {@code ConnectException: ...}). */
  public record Result(Verdict verdict, String detail) {
  }

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int SNIPPET_BYTES = 300;

  private final URI url;
  private final HttpClient http;

  public WebhookClient(URI url) {
    this.url = requireHttpUrl(url);
    this.http = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The URL, when it is an absolute http or https URL with a host; otherwise why not. */
  public static URI requireHttpUrl(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("a webhook is an absolute http:// or https:// URL with a host, not '"
          + url + "'");
    }
    return url;
  }

  public URI url() {
    return url;
  }

  /** One attempt; never throws for network trouble (that is a {@link Verdict#RETRY}). */
  public Result post(BudgetAlert alert) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", alert.getAlertId())
        .POST(HttpRequest.BodyPublishers.ofByteArray(AlertJson.toBytes(alert)))
        .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      String error = e.getClass().getSimpleName();
      return new Result(Verdict.RETRY, e.getMessage() == null ? error : error + ": " + e.getMessage());
    }
    int status = response.statusCode();
    boolean delivered = status >= 200 && status < 300;
    boolean transientFailure = status == 408 || status == 429 || status >= 500;
    String snippet = drain(response.body(), !delivered && !transientFailure);
    if (delivered) {
      return new Result(Verdict.DELIVERED, "HTTP " + status);
    }
    return transientFailure ? new Result(Verdict.RETRY, "HTTP " + status)
        : new Result(Verdict.REJECTED, "HTTP " + status + " " + snippet);
  }

  /** Closes the body, returning its first bytes when asked (a body that cannot be read is an empty snippet). */
  private static String drain(InputStream body, boolean keepSnippet) {
    try (body) {
      return keepSnippet ? new String(body.readNBytes(SNIPPET_BYTES), StandardCharsets.UTF_8).strip() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
