package io.campaignpulse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignpulse.streams.query.AlertView;
import io.campaignpulse.streams.query.AsOfView;
import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.CampaignView;
import io.campaignpulse.streams.query.FairView;
import io.campaignpulse.streams.query.SeriesYear;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The API's OpenAPI 3.0 description, served at {@code /openapi.json}: one entry per route, and the response
 * schemas derived from the view records themselves, so a field added to a view is documented with it.
 * {@code ApiServerTest} checks that the documented routes are exactly the registered ones.
 */
final class ApiDocs {

  /** A query or path parameter. */
  record Param(String name, String in, String description, String type, String format, String example) {
  }

  /** One GET route: its answer is {@code response}, a list of it when {@code list}. */
  record Endpoint(String path, String summary, List<Param> params, Class<?> response, boolean list,
      boolean protectedByToken) {
  }

  private static final Param ID = new Param("id", "path", "campaign id", "string", null, "TI-2024-HOME");
  private static final Param FAIR_ID = new Param("fairId", "path", "fair id", "string", null, "F-2024-AUTO-1");

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("/api/campaigns", "Every campaign that is defined or has counted events, by id", List.of(),
          CampaignView.class, true, true),
      new Endpoint("/api/campaigns/{id}", "One campaign: definition, live totals, budget and forecast (404 unknown); "
          + "with asOf, the campaign as of that time instead (an AsOfView): the sum of its net changes over every "
          + "local hour that ended by then, asOf truncated to its hour, late events included, granted subsidy "
          + "against the budget, no forecast",
          List.of(ID, new Param("asOf", "query", "an ISO instant or offset date-time (encode '+' as %2B); history "
              + "is kept for the life of the store, see the README", "string", "date-time",
              "2024-05-01T18:00:00+08:00")), CampaignView.class, false, true),
      new Endpoint("/api/campaigns/{id}/daily", "Daily series in local days, both ends included",
          List.of(ID, new Param("from", "query", "first local day", "string", "date", "2024-05-01"),
              new Param("to", "query", "last local day", "string", "date", "2024-05-31")), Bucket.class, true, true),
      new Endpoint("/api/campaigns/{id}/hourly", "Hourly series in local hours, both ends included",
          List.of(ID, new Param("from", "query", "first local hour", "string", null, "2024-05-01T00"),
              new Param("to", "query", "last local hour", "string", null, "2024-05-01T23")), Bucket.class, true, true),
      new Endpoint("/api/campaigns/{id}/categories", "Counts per goods category, largest consumption first",
          List.of(ID), Bucket.class, true, true),
      new Endpoint("/api/campaigns/{id}/streets", "Counts per merchant street ('-' unknown), largest consumption first",
          List.of(ID), Bucket.class, true, true),
      new Endpoint("/api/campaigns/{id}/merchants", "The top merchants by consumption, ties by merchantId",
          List.of(ID, new Param("top", "query", "how many, 1-1000 (default 10)", "integer", "int32", "10")),
          Bucket.class, true, true),
      new Endpoint("/api/campaigns/{id}/fairs", "The campaign's fairs with visitors, sales and sales per visitor",
          List.of(ID), FairView.class, true, true),
      new Endpoint("/api/campaigns/{id}/fairs/{fairId}/daily", "A fair's visitors and sales per local day",
          List.of(ID, FAIR_ID), Bucket.class, true, true),
      new Endpoint("/api/campaigns/{id}/fairs/{fairId}/hourly", "A fair's visitors and sales per local hour",
          List.of(ID, FAIR_ID), Bucket.class, true, true),
      new Endpoint("/api/campaigns/{id}/alerts", "The campaign's budget alerts in the order they were raised",
          List.of(ID), AlertView.class, true, true),
      new Endpoint("/api/series/{series}", "A series' campaigns per year with exact growth over the previous year",
          List.of(new Param("series", "path", "series name (Campaign.series)", "string", null, "CH-FM-AUTUMN")),
          SeriesYear.class, true, true),
      new Endpoint("/api/alerts", "The latest budget alerts of every campaign, newest first (emit time, then event "
          + "time)", List.of(new Param("limit", "query", "how many, 1-1000 (default 50)", "integer", "int32", "50")),
          AlertView.class, true, true),
      new Endpoint("/api/internal/alerts", "Internal, for the instance gathering /api/alerts: this instance's latest "
          + "alerts per store partition it runs as active",
          List.of(new Param("limit", "query", "how many per partition", "integer", "int32", "50")),
          CampaignRouter.Share.class, false, true),
      new Endpoint("/api/internal/campaigns", "Internal, for the instance gathering /api/campaigns: this instance's "
          + "campaigns per store partition it runs as active", List.of(), CampaignRouter.Share.class, false, true),
      new Endpoint("/api/internal/series/{series}", "Internal, for the instance gathering /api/series/{series}: "
          + "this instance's series years per store partition it runs as active",
          List.of(new Param("series", "path", "series name (Campaign.series)", "string", null, "CH-FM-AUTUMN")),
          CampaignRouter.Share.class, false, true),
      new Endpoint("/health", "Liveness", List.of(), ApiServer.Health.class, false, false),
      new Endpoint("/ready", "Readiness: 200 while RUNNING with queryable stores, else 503 with Retry-After",
          List.of(), ApiServer.Readiness.class, false, false));

  /** Routes whose answer depends on a parameter: the other response type (here: {@code asOf}). */
  private static final Map<String, Class<?>> ALTERNATIVE_RESPONSES = Map.of("/api/campaigns/{id}", AsOfView.class);

  private ApiDocs() {
  }

  /** The document; {@code metrics}: whether {@code /metrics} is served. */
  static ObjectNode document(ObjectMapper mapper, boolean metrics) {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("openapi", "3.0.3");
    doc.putObject("info").put("title", "campaign-pulse API")
        .put("description", "Live totals, series, breakdowns, fairs and budget alerts of consumption campaigns. "
            + "Amounts are integer fen (1 yuan = 100 fen). While the stores are not queryable the answer is 503 "
            + "with Retry-After. Any instance answers any request; an answer from a standby copy, which may lag, "
            + "carries the header Campaign-Pulse-Stale: true, and an object answer also \"stale\": true.")
        .put("version", "0.4");
    ObjectNode components = doc.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
        .put("description", "Required on /api/ routes and /metrics when the app runs with --api-token");
    schema(mapper, schemas, ApiError.class);
    ObjectNode paths = doc.putObject("paths");
    for (Endpoint e : ENDPOINTS) {
      ObjectNode get = paths.putObject(e.path()).putObject("get");
      get.put("summary", e.summary());
      if (e.protectedByToken()) {
        get.putArray("security").addObject().putArray("bearer");
      }
      if (!e.params().isEmpty()) {
        ArrayNode params = get.putArray("parameters");
        for (Param p : e.params()) {
          ObjectNode param = params.addObject().put("name", p.name()).put("in", p.in())
              .put("description", p.description()).put("required", p.in().equals("path"));
          ObjectNode type = param.putObject("schema").put("type", p.type());
          if (p.format() != null) {
            type.put("format", p.format());
          }
          param.put("example", p.example());
        }
      }
      ObjectNode responses = get.putObject("responses");
      ObjectNode ok = responses.putObject("200").put("description", "OK").putObject("content")
          .putObject("application/json").putObject("schema");
      String ref = "#/components/schemas/" + schema(mapper, schemas, e.response());
      Class<?> alternative = ALTERNATIVE_RESPONSES.get(e.path());
      if (alternative != null) {
        ok.putArray("oneOf").add(mapper.createObjectNode().put("$ref", ref)).add(mapper.createObjectNode()
            .put("$ref", "#/components/schemas/" + schema(mapper, schemas, alternative)));
      } else if (e.list()) {
        ok.put("type", "array").putObject("items").put("$ref", ref);
      } else {
        ok.put("$ref", ref);
      }
      List<String> others = e.protectedByToken() ? List.of("400", "401", "404", "503")
          : e.path().equals("/ready") ? List.of("503") : List.of();
      for (String status : others) {
        responses.putObject(status).put("description", switch (status) {
          case "400" -> "a parameter that does not parse";
          case "401" -> "no or a wrong bearer token (only with --api-token)";
          case "404" -> "unknown route; on /api/campaigns/{id}, an unknown campaign";
          default -> "not ready: stores not queryable yet";
        }).putObject("content").putObject("application/json").putObject("schema")
            .put("$ref", "#/components/schemas/" + (e.protectedByToken() ? "ApiError" : schema(mapper, schemas,
                e.response())));
      }
    }
    ObjectNode stream = paths.putObject("/api/stream").putObject("get");
    stream.put("summary", "Server-sent events as they are published: 'totals' (a campaign's new totals, as on "
        + "campaign-totals) and 'alert' (a budget alert, as on budget-alerts), each with a JSON body");
    stream.putArray("security").addObject().putArray("bearer");
    stream.putObject("responses").putObject("200").put("description", "an event stream").putObject("content")
        .putObject("text/event-stream").putObject("schema").put("type", "string");
    if (metrics) {
      ObjectNode get = paths.putObject("/metrics").putObject("get");
      get.put("summary", "Prometheus text: Kafka Streams, pipeline and JVM metrics");
      get.putArray("security").addObject().putArray("bearer");
      get.putObject("responses").putObject("200").put("description", "OK").putObject("content")
          .putObject("text/plain").putObject("schema").put("type", "string");
    }
    return doc;
  }

  /** Adds the schema of a record (and of the records it holds) and returns its name. */
  private static String schema(ObjectMapper mapper, ObjectNode schemas, Class<?> type) {
    String name = type.getSimpleName();
    if (schemas.has(name)) {
      return name;
    }
    ObjectNode schema = schemas.putObject(name).put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = mapper.createArrayNode();
    for (RecordComponent c : type.getRecordComponents()) {
      properties.set(c.getName(), property(mapper, schemas, c.getType(), c.getGenericType()));
      if (c.getType().isPrimitive()) {
        required.add(c.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return name;
  }

  private static ObjectNode property(ObjectMapper mapper, ObjectNode schemas, Class<?> type, Type generic) {
    ObjectNode p = mapper.createObjectNode();
    if (type == long.class || type == Long.class) {
      p.put("type", "integer").put("format", "int64");
    } else if (type == int.class || type == Integer.class) {
      p.put("type", "integer").put("format", "int32");
    } else if (type == boolean.class || type == Boolean.class) {
      p.put("type", "boolean");
    } else if (type == BigDecimal.class) {
      p.put("type", "number");
    } else if (type == Instant.class) {
      p.put("type", "string").put("format", "date-time");
    } else if (type == String.class) {
      p.put("type", "string");
    } else if (List.class.isAssignableFrom(type) && generic instanceof ParameterizedType pt
        && pt.getActualTypeArguments()[0] instanceof Class<?> item) {
      p.put("type", "array").set("items", property(mapper, schemas, item, item));
    } else if (type == JsonNode.class) {
      return p.put("description", "any JSON value");
    } else if (Map.class.isAssignableFrom(type) && generic instanceof ParameterizedType pt) {
      Type value = pt.getActualTypeArguments()[1];
      Class<?> valueClass = value instanceof ParameterizedType vt ? (Class<?>) vt.getRawType() : (Class<?>) value;
      p.put("type", "object").set("additionalProperties", property(mapper, schemas, valueClass, value));
    } else if (type.isRecord()) {
      return p.put("nullable", true).set("allOf",
          mapper.createArrayNode().add(mapper.createObjectNode().put("$ref",
              "#/components/schemas/" + schema(mapper, schemas, type))));
    } else {
      throw new IllegalArgumentException("no schema for " + type);
    }
    if (!type.isPrimitive()) {
      p.put("nullable", true);
    }
    return p;
  }
}
