package io.campaignpulse.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.campaignpulse.streams.query.CampaignView;
import java.io.IOException;

/**
 * What the query benchmark accepts as an answer: a campaign detail body must parse strictly as the API's
 * {@link CampaignView} (no unknown, missing or null-for-number fields) and carry the campaign id the path asked
 * for; a {@code /health} body must be JSON with {@code "status": "UP"}. Called on the load generator's threads
 * after the response's latency was taken, so checking costs CPU but no latency.
 */
final class QueryChecks {

  private static final String DETAIL_PREFIX = "/api/campaigns/";

  private final ObjectMapper mapper = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Null when {@code body} is the campaign {@code path} asks for, else what is wrong. */
  String campaign(String path, byte[] body) {
    return parse(path, body) instanceof String problem ? problem : null;
  }

  /** As {@link #campaign}, and the campaign must have orders (the stores hold the history). */
  String servingProblem(String path, byte[] body) {
    Object parsed = parse(path, body);
    if (parsed instanceof String problem) {
      return problem;
    }
    return ((CampaignView) parsed).orders() > 0 ? null : "campaign has no orders yet";
  }

  /** Null when {@code body} is a health answer saying UP. */
  String health(String path, byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && "UP".equals(node.path("status").asText()) ? null
          : "not a health answer with status UP: " + abbreviated(body);
    } catch (IOException e) {
      return "not JSON: " + e.getMessage();
    }
  }

  /** The view, or a String saying what is wrong. */
  private Object parse(String path, byte[] body) {
    if (!path.startsWith(DETAIL_PREFIX)) {
      return "not a campaign detail path: " + path;
    }
    String id = path.substring(DETAIL_PREFIX.length());
    CampaignView view;
    try {
      view = mapper.readValue(body, CampaignView.class);
    } catch (IOException e) {
      return "not a CampaignView: " + e.getMessage().lines().findFirst().orElse("");
    }
    if (!id.equals(view.campaignId())) {
      return "campaignId " + view.campaignId() + " where " + id + " was asked for";
    }
    return view;
  }

  private static String abbreviated(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
