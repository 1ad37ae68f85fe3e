package io.campaignpulse.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Creates {@link SchemaRegistryClient}s from a URL, so configuration alone decides whether code
 * talks to a real registry or to an in-memory one.
 *
 * <ul>
 *   <li>{@code mock://<scope>}: the {@link InMemorySchemaRegistry} shared by everybody using the
 *       same scope in this JVM (a producer and a consumer in one test see the same ids). Drop it
 *       with {@link #dropMockScope(String)}.
 *   <li>{@code http://...} or {@code https://...}: a new {@link HttpSchemaRegistryClient}.
 * </ul>
 *
 * <p>Optional configuration keys (values may be numbers or numeric strings):
 * {@value #CONNECT_TIMEOUT_MS}, {@value #REQUEST_TIMEOUT_MS}, {@value #MAX_ATTEMPTS},
 * {@value #RETRY_BACKOFF_MS}, {@value #RETRY_BACKOFF_MAX_MS}. Other keys are ignored, so a whole
 * Kafka client configuration may be passed.
 */
public final class SchemaRegistries {

  /** TCP connect timeout in milliseconds (default 5000). */
  public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
  /** Timeout of one HTTP request in milliseconds (default 10000). */
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  /** Attempts per call in all, including the first one (default 3). */
  public static final String MAX_ATTEMPTS = "schema.registry.max.attempts";
  /** Wait before the first retry in milliseconds, doubling per retry (default 100). */
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  /** Upper bound of the wait between attempts in milliseconds (default 2000). */
  public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

  private static final String MOCK_PREFIX = "mock://";
  private static final ConcurrentMap<String, InMemorySchemaRegistry> MOCK_SCOPES =
      new ConcurrentHashMap<>();

  private SchemaRegistries() {
  }

  /** A client for {@code url} with default timeouts and retries. */
  public static SchemaRegistryClient forUrl(String url) {
    return forUrl(url, Map.of());
  }

  /**
   * A client for {@code url}, with timeouts and retries taken from {@code config}.
   *
   * @throws IllegalArgumentException when the URL is neither {@code mock://<scope>} nor
   *     {@code http(s)://...}, or a setting is not a valid number
   */
  public static SchemaRegistryClient forUrl(String url, Map<String, ?> config) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("schema registry URL is missing");
    }
    String trimmed = url.strip();
    String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith(MOCK_PREFIX)) {
      String scope = trimmed.substring(MOCK_PREFIX.length());
      if (scope.isEmpty() || scope.contains("/") || scope.contains(",")) {
        throw new IllegalArgumentException(
            "mock schema registry URL must be mock://<scope>, was '" + url + "'");
      }
      return mockScope(scope);
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      if (trimmed.contains(",")) {
        throw new IllegalArgumentException(
            "only one schema registry URL is supported, was '" + url + "'");
      }
      return new HttpSchemaRegistryClient(trimmed, settings(config));
    }
    throw new IllegalArgumentException("unsupported schema registry URL '" + url
        + "': expected http://..., https://... or mock://<scope>");
  }

  /** The shared in-memory registry of {@code scope}, created on first use. */
  public static InMemorySchemaRegistry mockScope(String scope) {
    return MOCK_SCOPES.computeIfAbsent(scope,
        s -> new InMemorySchemaRegistry(MOCK_PREFIX + s, "BACKWARD"));
  }

  /** Forgets the in-memory registry of {@code scope}; the next use starts empty. */
  public static void dropMockScope(String scope) {
    MOCK_SCOPES.remove(scope);
  }

  /** The HTTP client settings {@code config} asks for, defaults for what it leaves out. */
  public static HttpSchemaRegistryClient.Settings settings(Map<String, ?> config) {
    HttpSchemaRegistryClient.Settings d = HttpSchemaRegistryClient.Settings.defaults();
    return new HttpSchemaRegistryClient.Settings(
        millis(config, CONNECT_TIMEOUT_MS, d.connectTimeout()),
        millis(config, REQUEST_TIMEOUT_MS, d.requestTimeout()),
        (int) number(config, MAX_ATTEMPTS, d.maxAttempts()),
        millis(config, RETRY_BACKOFF_MS, d.retryBackoff()),
        millis(config, RETRY_BACKOFF_MAX_MS, d.maxRetryBackoff()));
  }

  private static Duration millis(Map<String, ?> config, String key, Duration fallback) {
    return Duration.ofMillis(number(config, key, fallback.toMillis()));
  }

  private static long number(Map<String, ?> config, String key, long fallback) {
    Object value = config == null ? null : config.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
    }
  }
}
