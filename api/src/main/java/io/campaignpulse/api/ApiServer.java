package io.campaignpulse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.campaignpulse.streams.query.AnalyticsQueries;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: campaign totals, daily and hourly series, breakdowns, fairs and series comparisons as JSON
 * (amounts in fen). Errors are JSON too, never stack traces: an unknown campaign is 404, a bad parameter 400;
 * stores that are not queryable yet (start-up, rebalance) give 503 with Retry-After.
 *
 * <p>{@code /openapi.json} describes every route ({@link ApiDocs}). Operations: {@code /health} (liveness), {@code /ready} (200 only while the streams app is RUNNING and its
 * stores answer, else 503 with Retry-After) and {@code /metrics} (Prometheus text). With an API token set, every
 * {@code /api/} route and {@code /metrics} require {@code Authorization: Bearer <token>} (401 otherwise); the
 * probes stay open for orchestrators.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;
  private final java.util.List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.Set<io.javalin.http.sse.SseClient> streamClients =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Largest {@code top} the merchants endpoint accepts. */
  static final int MAX_TOP = 1000;

  /**
   * What the API needs besides the queries: the API token (null or blank: none) and the Prometheus text of the
   * app's metrics (null: no {@code /metrics}).
   */
  public record Options(String apiToken, Supplier<String> prometheusMetrics) {

    public static Options none() {
      return new Options(null, null);
    }

    @Override
    public String toString() {
      return "Options[apiToken=" + (apiToken == null || apiToken.isBlank() ? "none" : "(set)") + ", metrics="
          + (prometheusMetrics != null) + "]"; // never the token itself
    }
  }

  public ApiServer(AnalyticsQueries campaigns, Supplier<String> streamsState) {
    this(campaigns, streamsState, Options.none());
  }

  /**
   * Checks that an API token can be sent as a bearer token (null or blank: no token).
   *
   * @throws IllegalArgumentException saying which characters are allowed, without repeating the token
   */
  public static void checkToken(String token) {
    BearerToken.of(token);
  }

  public ApiServer(AnalyticsQueries campaigns, Supplier<String> streamsState, Options options) {
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.staticFiles.add("/public", io.javalin.http.staticfiles.Location.CLASSPATH);
      config.staticFiles.enableWebjars();
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.events(events -> events.handlerAdded(
          meta -> routes.add(meta.getHttpMethod() + " " + meta.getPath())));
    });
    String openApi = ApiDocs.document(mapper, options.prometheusMetrics() != null).toPrettyString();
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    BearerToken token = BearerToken.of(options.apiToken());
    if (token != null) {
      app.before("/api/*", token::check);
      app.before("/metrics", token::check);
    }
    app.get("/health", ctx -> ctx.json(new Health("UP", streamsState.get())));
    app.get("/ready", ctx -> {
      String state = streamsState.get();
      String reason = null;
      if (!"RUNNING".equals(state)) {
        reason = "the streams app is " + state;
      } else {
        try {
          campaigns.all(); // the stores answer
        } catch (InvalidStateStoreException e) {
          reason = "campaign stores are not queryable yet: " + e.getMessage();
        }
      }
      if (reason != null) {
        ctx.header("Retry-After", "2");
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
      }
      ctx.json(new Readiness(reason == null, state, reason));
    });
    if (options.prometheusMetrics() != null) {
      app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(options.prometheusMetrics().get()));
    }
    app.get("/api/campaigns", ctx -> ctx.json(campaigns.all()));
    app.get("/api/campaigns/{id}", ctx -> {
      String id = ctx.pathParam("id");
      campaigns.get(id).ifPresentOrElse(ctx::json,
          () -> error(ctx, HttpStatus.NOT_FOUND, "campaign_not_found", "no campaign with id '" + id + "'"));
    });
    app.get("/api/campaigns/{id}/daily", ctx -> {
      LocalDate from = dateParam(ctx, "from", LocalDate.of(1970, 1, 1));
      LocalDate to = dateParam(ctx, "to", LocalDate.of(9999, 12, 31));
      ctx.json(campaigns.daily(ctx.pathParam("id"), from, to));
    });
    app.get("/api/campaigns/{id}/hourly", ctx -> {
      LocalDateTime from = hourParam(ctx, "from", LocalDateTime.of(1970, 1, 1, 0, 0));
      LocalDateTime to = hourParam(ctx, "to", LocalDateTime.of(9999, 12, 31, 23, 0));
      ctx.json(campaigns.hourly(ctx.pathParam("id"), from, to));
    });
    app.get("/api/campaigns/{id}/categories", ctx -> ctx.json(campaigns.categories(ctx.pathParam("id"))));
    app.get("/api/campaigns/{id}/streets", ctx -> ctx.json(campaigns.streets(ctx.pathParam("id"))));
    app.get("/api/campaigns/{id}/merchants", ctx -> {
      int top = intParam(ctx, "top", 10, 1, MAX_TOP);
      ctx.json(campaigns.topMerchants(ctx.pathParam("id"), top));
    });
    app.get("/api/campaigns/{id}/fairs", ctx -> ctx.json(campaigns.fairs(ctx.pathParam("id"))));
    app.get("/api/campaigns/{id}/fairs/{fairId}/daily",
        ctx -> ctx.json(campaigns.fairDaily(ctx.pathParam("id"), ctx.pathParam("fairId"))));
    app.get("/api/campaigns/{id}/fairs/{fairId}/hourly",
        ctx -> ctx.json(campaigns.fairHourly(ctx.pathParam("id"), ctx.pathParam("fairId"))));
    app.get("/api/campaigns/{id}/alerts", ctx -> ctx.json(campaigns.alerts(ctx.pathParam("id"))));
    app.get("/api/series/{series}", ctx -> ctx.json(campaigns.series(ctx.pathParam("series"))));
    app.sse("/api/stream", client -> {
      client.keepAlive();
      client.onClose(() -> streamClients.remove(client));
      // written before the client is published: from then on only the feed's thread writes to it, so no event
      // interleaves with this line
      client.sendComment("campaign-pulse live stream: totals and alert events");
      streamClients.add(client);
    });
    app.exception(BearerToken.UnauthorizedException.class, (e, ctx) -> {
      ctx.header("WWW-Authenticate", "Bearer");
      error(ctx, HttpStatus.UNAUTHORIZED, "unauthorized", e.getMessage());
    });
    app.exception(BadParameterException.class,
        (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, "bad_parameter", e.getMessage()));
    app.exception(InvalidStateStoreException.class, (e, ctx) -> {
      ctx.header("Retry-After", "2");
      error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "campaign stores are not queryable yet: " + e.getMessage());
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "the request failed; see the server log");
    });
    app.error(HttpStatus.NOT_FOUND, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        error(ctx, HttpStatus.NOT_FOUND, "not_found", "no route " + ctx.method() + " " + ctx.path());
      }
    });
  }

  private static LocalDate dateParam(Context ctx, String name, LocalDate absent) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameterException(name + " must be a date like 2024-05-01, not '" + value + "'");
    }
  }

  private static LocalDateTime hourParam(Context ctx, String name, LocalDateTime absent) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return value.length() == 13 ? LocalDateTime.parse(value + ":00") : LocalDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameterException(name + " must be a local hour like 2024-05-01T10, not '" + value + "'");
    }
  }

  private static int intParam(Context ctx, String name, int absent, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadParameterException(name + " must be a whole number from " + min + " to " + max + ", not '"
        + value + "'");
  }

  /** A query parameter that cannot be used; answered with 400. */
  static final class BadParameterException extends RuntimeException {
    BadParameterException(String message) {
      super(message);
    }
  }

  private static void error(Context ctx, HttpStatus status, String code, String message) {
    ctx.status(status).json(new ApiError(status.getCode(), code, message));
  }

  /**
   * Sends one server-sent event to every client of {@code /api/stream}. Called from one thread (the app's live
   * feed); a client that went away is dropped.
   */
  public void publish(String event, String json) {
    for (io.javalin.http.sse.SseClient client : streamClients) {
      if (client.terminated()) {
        streamClients.remove(client);
      } else {
        client.sendEvent(event, json);
      }
    }
  }

  /** Clients connected to {@code /api/stream}. */
  public int streamClients() {
    return streamClients.size();
  }

  /** The registered routes, as "GET /path" (handlers such as before-filters included). */
  java.util.List<String> routes() {
    return java.util.List.copyOf(routes);
  }

  /** Starts serving on the given address; port 0 picks a free port. */
  public ApiServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** Liveness: the process answers, and which state the streams app is in. */
  public record Health(String status, String streams) {
  }

  /** Readiness: whether this instance can answer queries now, and if not why. */
  public record Readiness(boolean ready, String streams, String reason) {
  }
}
