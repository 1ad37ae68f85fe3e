package io.campaignpulse.app.cli;

import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** Settings of the streams app and its HTTP API. */
public final class StreamsOptions {

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

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "${env:CAMPAIGN_PULSE_TIME_ZONE:-Asia/Shanghai}",
      description = "Time zone of the hourly and daily series (env CAMPAIGN_PULSE_TIME_ZONE; default: ${DEFAULT-VALUE}).")
  ZoneId timeZone = AnalyticsSettings.DEFAULT_ZONE;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:CAMPAIGN_PULSE_GRACE:-PT1H}",
      description = "How far behind the latest event time an event may arrive and still enter its hour and day; "
          + "later ones count in the totals and go to late-events (ISO-8601, env CAMPAIGN_PULSE_GRACE; "
          + "default: ${DEFAULT-VALUE}).")
  Duration grace = AnalyticsSettings.DEFAULT_GRACE;

  @Option(names = "--http-host", defaultValue = "${env:CAMPAIGN_PULSE_HTTP_HOST:-127.0.0.1}",
      description = "Address the HTTP API binds to (env CAMPAIGN_PULSE_HTTP_HOST; default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--http-port", defaultValue = "${env:CAMPAIGN_PULSE_HTTP_PORT:-8080}",
      description = "HTTP API port, 0 for any free port (env CAMPAIGN_PULSE_HTTP_PORT; default: ${DEFAULT-VALUE}).")
  int httpPort;
}
