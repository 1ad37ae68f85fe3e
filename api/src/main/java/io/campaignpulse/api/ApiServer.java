package io.campaignpulse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.campaignpulse.streams.query.AlertView;
import io.campaignpulse.streams.query.AnalyticsQueries;
import io.campaignpulse.streams.query.SeriesYear;
import io.campaignpulse.streams.query.SeriesYears;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: campaign totals, daily and hourly series, breakdowns, fairs and series comparisons as JSON
 * (amounts in fen). Errors are JSON too, never stack traces: an unknown campaign is 404, a bad parameter 400;
 * stores that are not queryable (start-up, rebalance) give 503 with Retry-After.
 *
 * <p>With several instances ({@link QueryBackend}), any instance answers any request: a campaign's request is
 * forwarded to the instance that owns the campaign, or answered from a standby copy with {@value #STALE} (and
 * {@code "stale": true} on an object) while that one cannot; the list routes gather every instance's share
 * ({@link CampaignRouter}).
 *
 * <p>{@code /} serves the bureau's dashboard (static files and the ECharts webjar, open like the probes; its data
 * comes from the guarded API). {@code /openapi.json} describes every route ({@link ApiDocs}). Operations: {@code /health} (liveness),
 * {@code /ready} (200 only while the streams app is RUNNING and this instance's stores answer, else 503 with
 * Retry-After) and {@code /metrics} (Prometheus text). With an API token set, every {@code /api/} route and
 * {@code /metrics} require {@code Authorization: Bearer <token>} (401 otherwise); the probes stay open for
 * orchestrators.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** Response header of an answer from a standby copy, which may lag the active one (objects also get "stale"). */
  public static final String STALE = "Campaign-Pulse-Stale";
  /** Where each instance serves its share of the list routes, for the instance that gathers a list. */
  static final String INTERNAL = "/api/internal";

  private static final String STARTING = "STARTING";
  private static final List<String> RELAYED_HEADERS = List.of("Content-Type", "Retry-After", STALE,
      "WWW-Authenticate");

  /** What the server answers from, once the streams app exists. */
  private record Attached(CampaignRouter router, QueryBackend backend, Supplier<String> state) {
  }

  private final ObjectMapper mapper;
  private final Peers peers;
  private volatile Attached attached;
  private final Javalin app;
  private final List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.Set<io.javalin.http.sse.SseClient> streamClients =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Largest {@code top} of the merchants and {@code limit} of the alerts the API accepts. */
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

  /** A server that answers from {@code campaigns} alone (one instance, all campaigns). */
  public ApiServer(AnalyticsQueries campaigns, Supplier<String> streamsState, Options options) {
    this(options);
    attach(QueryBackend.single(campaigns), streamsState);
  }

  /**
   * Checks that an API token can be sent as a bearer token (null or blank: no token).
   *
   * @throws IllegalArgumentException saying which characters are allowed, without repeating the token
   */
  public static void checkToken(String token) {
    BearerToken.of(token);
  }

  /**
   * A server with nothing to answer from yet: until {@link #attach} every query is 503, so it can start (and learn
   * its port, which the streams app advertises to the other instances) before the streams app exists.
   */
  public ApiServer(Options options) {
    this.mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.peers = new Peers(options.apiToken());
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
    app.get("/health", ctx -> {
      Attached a = attached;
      ctx.json(new Health("UP", a == null ? STARTING : a.state().get()));
    });
    app.get("/ready", this::ready);
    if (options.prometheusMetrics() != null) {
      app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(options.prometheusMetrics().get()));
    }
    app.get("/api/campaigns", ctx -> send(ctx, router().list(INTERNAL + "/campaigns", AnalyticsQueries::all,
        ApiServer::byCampaignId)));
    app.get(INTERNAL + "/campaigns", ctx -> ctx.json(router().share(AnalyticsQueries::all)));
    app.get("/api/campaigns/{id}", ctx -> {
      String id = ctx.pathParam("id");
      Instant asOf = instantParam(ctx, "asOf");
      campaign(ctx, asOf == null ? q -> q.get(id).orElseThrow(() -> unknownCampaign(id))
          : q -> q.asOf(id, asOf).orElseThrow(() -> unknownCampaign(id)));
    });
    app.get("/api/campaigns/{id}/daily", ctx -> {
      LocalDate from = dateParam(ctx, "from", LocalDate.of(1970, 1, 1));
      LocalDate to = dateParam(ctx, "to", LocalDate.of(9999, 12, 31));
      campaign(ctx, q -> q.daily(ctx.pathParam("id"), from, to));
    });
    app.get("/api/campaigns/{id}/hourly", ctx -> {
      LocalDateTime from = hourParam(ctx, "from", LocalDateTime.of(1970, 1, 1, 0, 0));
      LocalDateTime to = hourParam(ctx, "to", LocalDateTime.of(9999, 12, 31, 23, 0));
      campaign(ctx, q -> q.hourly(ctx.pathParam("id"), from, to));
    });
    app.get("/api/campaigns/{id}/categories", ctx -> campaign(ctx, q -> q.categories(ctx.pathParam("id"))));
    app.get("/api/campaigns/{id}/streets", ctx -> campaign(ctx, q -> q.streets(ctx.pathParam("id"))));
    app.get("/api/campaigns/{id}/merchants", ctx -> {
      int top = intParam(ctx, "top", 10, 1, MAX_TOP);
      campaign(ctx, q -> q.topMerchants(ctx.pathParam("id"), top));
    });
    app.get("/api/campaigns/{id}/fairs", ctx -> campaign(ctx, q -> q.fairs(ctx.pathParam("id"))));
    app.get("/api/campaigns/{id}/fairs/{fairId}/daily",
        ctx -> campaign(ctx, q -> q.fairDaily(ctx.pathParam("id"), ctx.pathParam("fairId"))));
    app.get("/api/campaigns/{id}/fairs/{fairId}/hourly",
        ctx -> campaign(ctx, q -> q.fairHourly(ctx.pathParam("id"), ctx.pathParam("fairId"))));
    app.get("/api/campaigns/{id}/alerts", ctx -> campaign(ctx, q -> q.alerts(ctx.pathParam("id"))));
    app.get("/api/alerts", ctx -> {
      int limit = intParam(ctx, "limit", 50, 1, MAX_TOP);
      send(ctx, router().list(INTERNAL + "/alerts?limit=" + limit, q -> q.recentAlerts(limit),
          parts -> newest(parts, limit)));
    });
    app.get(INTERNAL + "/alerts", ctx -> {
      int limit = intParam(ctx, "limit", 50, 1, MAX_TOP);
      ctx.json(router().share(q -> q.recentAlerts(limit)));
    });
    app.get("/api/series/{series}", ctx -> {
      String series = ctx.pathParam("series");
      send(ctx, router().list(INTERNAL + "/series/" + pathSegment(series), q -> q.series(series), this::years));
    });
    app.get(INTERNAL + "/series/{series}", ctx -> ctx.json(router().share(q -> q.series(ctx.pathParam("series")))));
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
    app.exception(NotFoundException.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.code, e.getMessage()));
    app.exception(InvalidStateStoreException.class, (e, ctx) -> {
      ctx.header("Retry-After", "2");
      error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "campaign stores are not queryable yet: " + e.getMessage());
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "the request failed; see the server log");
    });
    app.error(HttpStatus.NOT_FOUND, ctx -> {
      // Javalin answers an unknown route in plain text; a 404 the API made (an unknown campaign) is JSON already
      String type = ctx.res().getContentType();
      if (type == null || !type.startsWith("application/json")) {
        error(ctx, HttpStatus.NOT_FOUND, "not_found", "no route " + ctx.method() + " " + ctx.path());
      }
    });
  }

  /**
   * Starts answering from {@code backend}; {@code streamsState} names the streams app's state for the probes.
   * Called once, when the streams app exists.
   */
  public void attach(QueryBackend backend, Supplier<String> streamsState) {
    this.attached = new Attached(new CampaignRouter(backend, peers, mapper), backend, streamsState);
  }

  private void ready(Context ctx) {
    Attached a = attached;
    String state = a == null ? STARTING : a.state().get();
    String reason = null;
    if (!"RUNNING".equals(state)) {
      reason = "the streams app is " + state;
    } else {
      try {
        for (int p : a.backend().activePartitions()) {
          a.backend().partition(p, false).all(); // the stores of this instance answer
        }
      } catch (InvalidStateStoreException e) {
        reason = "campaign stores are not queryable yet: " + e.getMessage();
      }
    }
    if (reason != null) {
      ctx.header("Retry-After", "2");
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    ctx.json(new Readiness(reason == null, state, reason));
  }

  private CampaignRouter router() {
    Attached a = attached;
    if (a == null) {
      throw new InvalidStateStoreException("the streams app is starting");
    }
    return a.router();
  }

  /** Answers a request about the campaign of the {@code id} path parameter, wherever it lives. */
  private void campaign(Context ctx, Function<AnalyticsQueries, Object> answer) {
    String query = ctx.queryString();
    send(ctx, router().campaign(ctx.pathParam("id"), ctx.header(Peers.FORWARDED) != null,
        ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query), answer));
  }

  private void send(Context ctx, CampaignRouter.Answer answer) {
    if (answer instanceof CampaignRouter.Answer.Relayed relayed) {
      HttpResponse<byte[]> r = relayed.response();
      ctx.status(r.statusCode());
      for (String header : RELAYED_HEADERS) {
        r.headers().firstValue(header).ifPresent(v -> ctx.header(header, v));
      }
      ctx.result(r.body());
      return;
    }
    CampaignRouter.Answer.Local local = (CampaignRouter.Answer.Local) answer;
    if (!local.stale()) {
      ctx.json(local.body());
      return;
    }
    ctx.header(STALE, "true");
    JsonNode body = mapper.valueToTree(local.body());
    if (body instanceof ObjectNode object) {
      object.put("stale", true);
    }
    ctx.json(body);
  }

  private static Object byCampaignId(List<JsonNode> campaigns) {
    List<JsonNode> sorted = new ArrayList<>(campaigns);
    sorted.sort(Comparator.comparing(c -> c.path("campaignId").asText()));
    return sorted;
  }

  private List<AlertView> newest(List<JsonNode> parts, int limit) {
    List<AlertView> alerts = new ArrayList<>(parts.size());
    for (JsonNode part : parts) {
      alerts.add(parse(part, AlertView.class));
    }
    alerts.sort(AlertView.NEWEST_FIRST);
    return alerts.subList(0, Math.min(limit, alerts.size()));
  }

  private <T> T parse(JsonNode part, Class<T> type) {
    try {
      return mapper.treeToValue(part, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an instance's share does not parse as " + type.getSimpleName(), e);
    }
  }

  private Object years(List<JsonNode> parts) {
    List<SeriesYear> years = new ArrayList<>(parts.size());
    for (JsonNode part : parts) {
      years.add(parse(part, SeriesYear.class));
    }
    return SeriesYears.combine(years);
  }

  private static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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

  /**
   * An instant given as an ISO instant or offset date-time ({@code 2024-05-01T10:00:00Z},
   * {@code 2024-05-01T18:00:00+08:00}), or null when the parameter is absent. A '+' sent unencoded arrives as a
   * space, which an ISO date-time never holds, so it is read back as '+'.
   */
  private static Instant instantParam(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadParameterException(name + " must be an ISO instant or offset date-time like 2024-05-01T10:00:00Z "
          + "or 2024-05-01T18:00:00+08:00, not '" + value + "'");
    }
  }

  private static NotFoundException unknownCampaign(String id) {
    return new NotFoundException("campaign_not_found", "no campaign with id '" + id + "'");
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

  /** Something the request names that does not exist; answered with 404 and {@code code}. */
  static final class NotFoundException extends RuntimeException {
    final String code;

    NotFoundException(String code, String message) {
      super(message);
      this.code = code;
    }
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
  List<String> routes() {
    return List.copyOf(routes);
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
