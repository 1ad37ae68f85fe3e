package io.campaignpulse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: campaign totals as JSON (amounts in fen). Errors are JSON too, never stack traces: an unknown
 * campaign is 404; stores that are not queryable yet (start-up, rebalance) give 503 with Retry-After.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;

  public ApiServer(CampaignSource campaigns, Supplier<String> streamsState) {
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
    });
    app.get("/health", ctx -> ctx.json(new Health("UP", streamsState.get())));
    app.get("/api/campaigns", ctx -> ctx.json(campaigns.all()));
    app.get("/api/campaigns/{id}", ctx -> {
      String id = ctx.pathParam("id");
      campaigns.get(id).ifPresentOrElse(ctx::json,
          () -> error(ctx, HttpStatus.NOT_FOUND, "campaign_not_found", "no campaign with id '" + id + "'"));
    });
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

  private static void error(Context ctx, HttpStatus status, String code, String message) {
    ctx.status(status).json(new ApiError(status.getCode(), code, message));
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
}
