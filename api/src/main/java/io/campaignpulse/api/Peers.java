package io.campaignpulse.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to the app's other instances: a campaign request forwarded to the instance that owns the campaign, or
 * a list's share gathered from each instance. Marked with {@link #FORWARDED} so the receiver answers from its own
 * stores and never forwards again; carries the API token when one is set. An instance that cannot be reached gives
 * an empty answer, so the caller can fall back to a standby copy or answer 503.
 */
final class Peers {

  /** Header of a request one instance sends another: answer locally, do not forward. */
  static final String FORWARDED = "Campaign-Pulse-Forwarded";

  private static final Logger LOG = LoggerFactory.getLogger(Peers.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How often an instance that keeps failing is logged at WARN; the failures between are logged at DEBUG. */
  private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT).build();
  private final java.util.concurrent.ConcurrentMap<HostInfo, Long> lastWarned =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String authorization;

  /** @param token the API token, null or blank when there is none */
  Peers(String token) {
    this.authorization = token == null || token.isBlank() ? null : "Bearer " + token;
  }

  /** GETs {@code pathAndQuery} from another instance; empty when it cannot be reached in time. */
  Optional<HttpResponse<byte[]>> get(HostInfo peer, String pathAndQuery) {
    try {
      return Optional.of(http.send(request(peer, pathAndQuery), HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException | IllegalArgumentException e) { // unreachable, or an address no URI can hold
      failed(peer, pathAndQuery, e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** As {@link #get}, without waiting. */
  CompletableFuture<Optional<HttpResponse<byte[]>>> getAsync(HostInfo peer, String pathAndQuery) {
    HttpRequest request;
    try {
      request = request(peer, pathAndQuery);
    } catch (IllegalArgumentException e) {
      failed(peer, pathAndQuery, e);
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(Optional::of)
        .exceptionally(e -> {
          failed(peer, pathAndQuery, e);
          return Optional.empty();
        });
  }

  /** Logs a failed request: at WARN once a minute per instance (a gone instance fails every request), else DEBUG. */
  private void failed(HostInfo peer, String pathAndQuery, Throwable e) {
    long now = System.nanoTime();
    boolean[] warn = {false};
    lastWarned.compute(peer, (p, last) -> {
      warn[0] = last == null || now - last >= WARN_EVERY_NANOS;
      return warn[0] ? now : last;
    });
    if (warn[0]) {
      LOG.warn("instance {} did not answer {}: {} (further failures of it this minute are logged at DEBUG)", peer,
          pathAndQuery, e.toString());
    } else {
      LOG.debug("instance {} did not answer {}: {}", peer, pathAndQuery, e.toString());
    }
  }

  private HttpRequest request(HostInfo peer, String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://" + hostForUri(peer.host()) + ":" + peer.port() + pathAndQuery))
        .timeout(REQUEST_TIMEOUT).header(FORWARDED, "1").header("Accept", "application/json").GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
