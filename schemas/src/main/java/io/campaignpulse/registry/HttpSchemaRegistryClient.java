package io.campaignpulse.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, using
 * {@link java.net.http.HttpClient} and Jackson.
 *
 * <p>The base URL is the root of a Confluent-compatible API: {@code http://host:8081} for Confluent
 * Schema Registry, {@code http://host:8080/apis/ccompat/v7} for Apicurio Registry. Requests carry
 * {@code Content-Type: application/vnd.schemaregistry.v1+json}; subjects are URL-encoded.
 *
 * <p>Connection failures, timeouts and HTTP 5xx answers are retried with exponential backoff (and
 * a little jitter) up to {@link Settings#maxAttempts()} attempts in all; 4xx answers are not. When
 * attempts are exhausted the call fails with a {@link SchemaRegistryException}: for an unreachable
 * registry its message names the URL ("schema registry at http://... unreachable: Connection
 * refused ..."), for an error answer it carries status, {@code error_code} and message.
 *
 * <p>Immutable answers are cached: schema by id, id by (subject, schema) and lookups by (subject,
 * schema). Subject versions and compatibility settings are never cached. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  /** The media type of the Schema Registry API v1. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

  /**
   * Timeouts and retry policy.
   *
   * @param connectTimeout  TCP connect timeout
   * @param requestTimeout  timeout of one HTTP request, from sending to the complete answer
   * @param maxAttempts     attempts per call in all, at least 1 (1 = no retry)
   * @param retryBackoff    wait before the first retry; doubles with each further retry
   * @param maxRetryBackoff upper bound of the wait between attempts
   */
  public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
      Duration retryBackoff, Duration maxRetryBackoff) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(2);

    public Settings {
      requirePositive(connectTimeout, "connectTimeout");
      requirePositive(requestTimeout, "requestTimeout");
      Objects.requireNonNull(retryBackoff, "retryBackoff");
      Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
      if (retryBackoff.isNegative() || maxRetryBackoff.isNegative()) {
        throw new IllegalArgumentException("retry backoff must not be negative");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
    }

    /** 5 s connect timeout, 10 s request timeout, 3 attempts, backoff 100 ms doubling up to 2 s. */
    public static Settings defaults() {
      return new Settings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
          DEFAULT_RETRY_BACKOFF, DEFAULT_MAX_RETRY_BACKOFF);
    }

    private static void requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
    }
  }

  private record SubjectSchema(String subject, Schema schema) {
  }

  private final String baseUrl;
  private final Settings settings;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A client of the registry at {@code baseUrl} with {@link Settings#defaults()}. */
  public HttpSchemaRegistryClient(String baseUrl) {
    this(baseUrl, Settings.defaults());
  }

  /** A client of the registry at {@code baseUrl} (http or https) with the given settings. */
  public HttpSchemaRegistryClient(String baseUrl, Settings settings) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String trimmed = baseUrl.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri = URI.create(trimmed);
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "schema registry URL must be http(s)://host[:port][/path], was '" + baseUrl + "'");
    }
    this.baseUrl = trimmed;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** The base URL requests are sent to, without trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = requiredInt(answer, "id", "register");
    idsBySubjectSchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), schema);
    RegisteredSchema cached = lookups.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
    RegisteredSchema found = registeredSchema(subject, answer, schema);
    lookups.putIfAbsent(key, found);
    idsBySubjectSchema.putIfAbsent(key, found.id());
    schemasById.putIfAbsent(found.id(), found.schema());
    return found;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String path = "/schemas/ids/" + id;
    JsonNode answer = call("GET", path, null);
    Schema schema = parseSchema(answer, path);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode answer =
        call("GET", "/subjects/" + encode(requireSubject(subject)) + "/versions/latest", null);
    return registeredSchema(subject, answer, null);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode answer = call("POST",
          "/compatibility/subjects/" + encode(requireSubject(subject)) + "/versions/latest",
          schemaBody(schema));
      JsonNode value = answer.get("is_compatible");
      if (value == null || !value.isBoolean()) {
        throw malformed("compatibility check", answer);
      }
      return value.booleanValue();
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true; // nothing registered yet: anything goes
      }
      throw e;
    }
  }

  @Override
  public void setCompatibility(String subject, String level) {
    Objects.requireNonNull(level, "level");
    ObjectNode body = json.createObjectNode().put("compatibility", level);
    call("PUT", "/config/" + encode(requireSubject(subject)), body);
  }

  @Override
  public Optional<String> getCompatibility(String subject) {
    try {
      JsonNode answer = call("GET", "/config/" + encode(requireSubject(subject)), null);
      JsonNode level = answer.hasNonNull("compatibilityLevel")
          ? answer.get("compatibilityLevel") : answer.get("compatibility");
      if (level == null || !level.isTextual()) {
        throw malformed("config", answer);
      }
      return Optional.of(level.textValue());
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED
          || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Marks the client closed and drops its caches; later calls fail with
   * {@link IllegalStateException}. The JDK 17 HttpClient has no close; its daemon threads end
   * when it is collected.
   */
  @Override
  public void close() {
    closed = true;
    schemasById.clear();
    idsBySubjectSchema.clear();
    lookups.clear();
  }

  @Override
  public String toString() {
    return "HttpSchemaRegistryClient[" + baseUrl + "]";
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private JsonNode call(String method, String path, JsonNode body) {
    if (closed) {
      throw new IllegalStateException("schema registry client for " + baseUrl + " is closed");
    }
    URI uri = URI.create(baseUrl + path);
    HttpRequest request = request(method, uri, body);
    int maxAttempts = settings.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      String failure;
      Throwable cause;
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return parseJson(response.body(), uri);
        }
        SchemaRegistryException error = errorAnswer(uri, status, response.body());
        if (status < 500 || attempt >= maxAttempts) {
          throw error;
        }
        failure = "HTTP " + status;
        cause = error;
      } catch (IOException e) {
        String reason = reason(e, uri);
        if (attempt >= maxAttempts) {
          throw SchemaRegistryException.unreachable(uri.toString(),
              reason + " (gave up after " + attempt + (attempt == 1 ? " attempt)" : " attempts)"),
              e);
        }
        failure = reason;
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw SchemaRegistryException.unreachable(uri.toString(), "interrupted", e);
      }
      long waitMs = backoffMillis(attempt);
      LOG.warn("schema registry {} {} failed (attempt {}/{}): {}; retrying in {} ms",
          method, uri, attempt, maxAttempts, failure, waitMs);
      sleep(waitMs, uri, cause);
    }
  }

  private HttpRequest request(String method, URI uri, JsonNode body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("Accept", ACCEPT);
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      byte[] bytes;
      try {
        bytes = json.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode request body", e);
      }
      builder.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    return builder.build();
  }

  private long backoffMillis(int attempt) {
    long base = settings.retryBackoff().toMillis();
    long max = settings.maxRetryBackoff().toMillis();
    long exp = base << Math.min(attempt - 1, 20);
    long capped = Math.min(exp < 0 ? max : exp, max);
    long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
    return Math.min(capped + jitter, max);
  }

  private static void sleep(long millis, URI uri, Throwable cause) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      SchemaRegistryException interrupted =
          SchemaRegistryException.unreachable(uri.toString(), "interrupted while retrying", e);
      interrupted.addSuppressed(cause);
      throw interrupted;
    }
  }

  private JsonNode parseJson(byte[] body, URI uri) {
    if (body == null || body.length == 0) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new SchemaRegistryException(uri.toString(), 200, 0,
          "answer is not JSON: " + snippet(body));
    }
  }

  private SchemaRegistryException errorAnswer(URI uri, int status, byte[] body) {
    int code = status;
    String message = snippet(body);
    try {
      JsonNode node = body == null || body.length == 0 ? null : json.readTree(body);
      if (node != null && node.isObject()) {
        if (node.path("error_code").canConvertToInt()) {
          code = node.path("error_code").intValue();
        }
        if (node.hasNonNull("message")) {
          message = node.get("message").asText();
        }
      }
    } catch (IOException notJson) {
      // keep the raw body as message
    }
    if (message.isEmpty()) {
      message = "(no message)";
    }
    return new SchemaRegistryException(uri.toString(), status, code, message);
  }

  // ---- JSON payloads ------------------------------------------------------------------------

  private ObjectNode schemaBody(Schema schema) {
    Objects.requireNonNull(schema, "schema");
    return json.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO");
  }

  private RegisteredSchema registeredSchema(String subject, JsonNode answer, Schema known) {
    int id = requiredInt(answer, "id", "subject " + subject);
    int version = requiredInt(answer, "version", "subject " + subject);
    Schema schema = known != null && !answer.hasNonNull("schema")
        ? known : parseSchema(answer, "/subjects/" + subject);
    String actualSubject = answer.hasNonNull("subject") ? answer.get("subject").asText() : subject;
    return new RegisteredSchema(actualSubject, id, version, schema);
  }

  private Schema parseSchema(JsonNode answer, String what) {
    String type = answer.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new SchemaRegistryException(baseUrl + what, 200, 0,
          "schema is of type " + type + ", not AVRO");
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw malformed(what, answer);
    }
    try {
      return new Schema.Parser().parse(text.textValue());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(baseUrl + what, 200, SchemaRegistryException.INVALID_SCHEMA,
          "registry returned an unparseable Avro schema: " + e.getMessage());
    }
  }

  private int requiredInt(JsonNode answer, String field, String what) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw malformed(what, answer);
    }
    return value.intValue();
  }

  private SchemaRegistryException malformed(String what, JsonNode answer) {
    return new SchemaRegistryException(baseUrl, 200, 0,
        "unexpected answer to " + what + ": " + abbreviate(answer.toString()));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String requireSubject(String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    return subject;
  }

  /** Encodes a subject as one URL path segment. */
  static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Why a request got no answer, e.g. "Connection refused" or "unknown host x". */
  private String reason(IOException e, URI uri) {
    boolean refused = false;
    String message = null;
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
        return "unknown host " + uri.getHost();
      }
      refused |= c instanceof ConnectException;
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out after " + settings.connectTimeout().toMillis() + " ms";
    }
    if (e instanceof HttpTimeoutException) {
      return "request timed out after " + settings.requestTimeout().toMillis() + " ms";
    }
    if (message != null) {
      return message;
    }
    // The JDK HttpClient reports a refused connection as a ConnectException without message.
    return refused ? "Connection refused" : e.getClass().getSimpleName();
  }

  private static String snippet(byte[] body) {
    return body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8).strip());
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
