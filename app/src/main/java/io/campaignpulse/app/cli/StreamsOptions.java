package io.campaignpulse.app.cli;

import io.campaignpulse.app.ApiSettings;
import io.campaignpulse.app.alerts.WebhookClient;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Settings of the streams app and its HTTP API. */
public final class StreamsOptions {

  /** An absolute http(s) URL, or a usage error saying why not. */
  static final class WebhookUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      return WebhookClient.requireHttpUrl(URI.create(value));
    }
  }

  /** The alert rules these options give. */
  AlertSettings alertSettings() {
    return new AlertSettings(alertRearmPoints, burnWindow, forecastHorizon);
  }

  @Option(names = "--application-id", defaultValue = "${env:CAMPAIGN_PULSE_APPLICATION_ID:-campaign-pulse}",
      description = "Kafka Streams application id: consumer group, internal topic prefix "
          + "(env CAMPAIGN_PULSE_APPLICATION_ID; default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--state-dir", paramLabel = "DIR",
      defaultValue = "${env:CAMPAIGN_PULSE_STATE_DIR:-var/state}",
      description = "Local state (RocksDB) directory (env CAMPAIGN_PULSE_STATE_DIR; default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--commit-interval-ms", defaultValue = "${env:CAMPAIGN_PULSE_COMMIT_INTERVAL_MS:-100}",
      description = "Transaction commit interval: how stale published totals may be "
          + "(env CAMPAIGN_PULSE_COMMIT_INTERVAL_MS; default: ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(names = "--standby-replicas", defaultValue = "${env:CAMPAIGN_PULSE_STANDBY_REPLICAS:-0}",
      description = "num.standby.replicas (env CAMPAIGN_PULSE_STANDBY_REPLICAS; default: ${DEFAULT-VALUE}).")
  int standbyReplicas;

  /** A stream thread count of at least one, or a usage error saying so. */
  static final class StreamThreads implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int threads = Integer.parseInt(value.trim());
      if (threads < 1) {
        throw new picocli.CommandLine.TypeConversionException("at least one stream thread: " + value);
      }
      return threads;
    }
  }

  @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "${env:CAMPAIGN_PULSE_STREAM_THREADS:-1}",
      converter = StreamThreads.class,
      description = "num.stream.threads: stream threads of this instance, each running its share of the partitions' "
          + "tasks; two where two cores are free carry a fifth to two fifths more events/s once warm (see the "
          + "README's sizing) (env CAMPAIGN_PULSE_STREAM_THREADS; default: ${DEFAULT-VALUE}).")
  int streamThreads = 1;

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "${env:CAMPAIGN_PULSE_TIME_ZONE:-Asia/Shanghai}",
      description = "Time zone of the hourly and daily series (env CAMPAIGN_PULSE_TIME_ZONE; default: ${DEFAULT-VALUE}).")
  ZoneId timeZone = AnalyticsSettings.DEFAULT_ZONE;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:CAMPAIGN_PULSE_GRACE:-PT1H}",
      description = "How far behind the latest event time an event may arrive and still enter its hour and day; "
          + "later ones count in the totals and go to late-events (ISO-8601, env CAMPAIGN_PULSE_GRACE; "
          + "default: ${DEFAULT-VALUE}).")
  Duration grace = AnalyticsSettings.DEFAULT_GRACE;

  @Option(names = "--orders-state-from-input", arity = "0..1", paramLabel = "BOOLEAN", negatable = true,
      fallbackValue = "true",
      defaultValue = "${env:CAMPAIGN_PULSE_ORDERS_STATE_FROM_INPUT:-true}",
      description = "Restore orders-latest-store from the orders topic, which must then keep every record, instead "
          + "of writing a changelog topic of its own for it (a fifth to a third more events/s; a restore from "
          + "scratch replays the whole topic). --no-orders-state-from-input or =false: its own changelog, as before "
          + "0.8; turning it off on a running deployment needs a reset, see the README "
          + "(env CAMPAIGN_PULSE_ORDERS_STATE_FROM_INPUT; default: ${DEFAULT-VALUE}).")
  boolean ordersStateFromInput;

  @Option(names = "--alert-webhook", paramLabel = "URL", defaultValue = "${env:CAMPAIGN_PULSE_ALERT_WEBHOOK}",
      converter = WebhookUrl.class,
      description = "POST every budget alert as JSON to this URL, with an Idempotency-Key header, retrying until "
          + "it answers 2xx (env CAMPAIGN_PULSE_ALERT_WEBHOOK; default: none).")
  URI alertWebhook;

  @Option(names = "--forecast-horizon", paramLabel = "DURATION",
      defaultValue = "${env:CAMPAIGN_PULSE_FORECAST_HORIZON:-P7D}",
      description = "Alert when a budget is projected to run out within this (ISO-8601, e.g. P7D; PT0S turns "
          + "forecast alerts off) (env CAMPAIGN_PULSE_FORECAST_HORIZON; default: ${DEFAULT-VALUE}).")
  Duration forecastHorizon = AlertSettings.DEFAULT_FORECAST_HORIZON;

  @Option(names = "--burn-window", paramLabel = "DURATION", defaultValue = "${env:CAMPAIGN_PULSE_BURN_WINDOW:-P3D}",
      description = "Event time over which the burn rate of a forecast is taken, whole hours up to 90 days "
          + "(env CAMPAIGN_PULSE_BURN_WINDOW; default: ${DEFAULT-VALUE}).")
  Duration burnWindow = AlertSettings.DEFAULT_BURN_WINDOW;

  @Option(names = "--alert-rearm-points", paramLabel = "POINTS",
      defaultValue = "${env:CAMPAIGN_PULSE_ALERT_REARM_POINTS:-5}",
      description = "A threshold that alerted alerts again only after spending fell this many percentage points "
          + "below it (env CAMPAIGN_PULSE_ALERT_REARM_POINTS; default: ${DEFAULT-VALUE}).")
  int alertRearmPoints = AlertSettings.DEFAULT_REARM_POINTS;

  @Option(names = "--http-host", defaultValue = "${env:CAMPAIGN_PULSE_HTTP_HOST:-127.0.0.1}",
      description = "Address the HTTP API binds to (env CAMPAIGN_PULSE_HTTP_HOST; default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--api-token", paramLabel = "TOKEN", defaultValue = "${env:CAMPAIGN_PULSE_API_TOKEN:-}",
      converter = ApiTokenConverter.class,
      description = "Bearer token every /api/ route and /metrics require (env CAMPAIGN_PULSE_API_TOKEN, the "
          + "better place for a secret; default: none, the API is open). /health and /ready stay open.")
  String apiToken;

  /** Refuses a token a bearer header cannot carry as a usage error, without echoing it. */
  static final class ApiTokenConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        io.campaignpulse.api.ApiServer.checkToken(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Option(names = "--streams-config", paramLabel = "FILE", defaultValue = "${env:CAMPAIGN_PULSE_STREAMS_CONFIG}",
      description = "Kafka Streams properties (any StreamsConfig key, and its consumer./producer. prefixes), applied "
          + "after --client-config and the app's own settings (env CAMPAIGN_PULSE_STREAMS_CONFIG; default: none).")
  Path streamsConfig;

  @Option(names = "--advertised-host", paramLabel = "HOST",
      defaultValue = "${env:CAMPAIGN_PULSE_ADVERTISED_HOST:-}",
      description = "Host name the other instances reach this one's API on, advertised as Kafka Streams' "
          + "application.server with the API port (env CAMPAIGN_PULSE_ADVERTISED_HOST; default: the --http-host, "
          + "or the machine's name when that is 0.0.0.0).")
  String advertisedHost;

  /** Where the API listens, how other instances reach it, and its token. */
  public ApiSettings apiSettings() {
    return new ApiSettings(httpHost, httpPort, advertisedHost, apiToken);
  }

  @Option(names = "--http-port", defaultValue = "${env:CAMPAIGN_PULSE_HTTP_PORT:-8080}",
      description = "HTTP API port, 0 for any free port (env CAMPAIGN_PULSE_HTTP_PORT; default: ${DEFAULT-VALUE}).")
  int httpPort;
}
