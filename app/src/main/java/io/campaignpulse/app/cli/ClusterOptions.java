package io.campaignpulse.app.cli;

import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.contract.TopicNames;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the cluster and the registry are, and the topics' names: shared by every command that talks to Kafka. */
public final class ClusterOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      defaultValue = "${env:CAMPAIGN_PULSE_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description = "Kafka bootstrap servers (env CAMPAIGN_PULSE_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
  public String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      defaultValue = "${env:CAMPAIGN_PULSE_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081}",
      description = "Confluent-compatible schema registry root, e.g. http://host:8080/apis/ccompat/v7 for Apicurio "
          + "(env CAMPAIGN_PULSE_SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
  public String schemaRegistryUrl;

  @Option(names = "--topic", paramLabel = "ROLE=NAME",
      description = "Rename a topic; roles: campaigns, orders, fair-visits, fair-sales, campaign-totals, "
          + "budget-alerts, dead-letters, late-events. Repeatable.")
  Map<String, String> topicOverrides = new LinkedHashMap<>();

  @Option(names = "--partitions", defaultValue = "${env:CAMPAIGN_PULSE_PARTITIONS:-6}",
      description = "Partitions of topics this run creates (env CAMPAIGN_PULSE_PARTITIONS; default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "${env:CAMPAIGN_PULSE_REPLICATION_FACTOR:-1}",
      description = "Replication factor of topics this run creates, internal ones included "
          + "(env CAMPAIGN_PULSE_REPLICATION_FACTOR; default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--client-config", paramLabel = "FILE",
      defaultValue = "${env:CAMPAIGN_PULSE_CLIENT_CONFIG}",
      description = "Kafka client properties applied to every client (SASL/SSL settings go here; "
          + "env CAMPAIGN_PULSE_CLIENT_CONFIG).")
  Path clientConfig;

  private static final java.util.List<String> ROLES = java.util.List.of(
      "campaigns", "orders", "fair-visits", "fair-sales", "campaign-totals", "budget-alerts", "dead-letters",
      "late-events");

  TopicNames topicNames() {
    for (String role : topicOverrides.keySet()) {
      if (!ROLES.contains(role)) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "unknown topic role '" + role + "'; roles are " + ROLES);
      }
    }
    TopicNames d = TopicNames.defaults();
    return new TopicNames(
        topicOverrides.getOrDefault("campaigns", d.campaigns()),
        topicOverrides.getOrDefault("orders", d.orders()),
        topicOverrides.getOrDefault("fair-visits", d.fairVisits()),
        topicOverrides.getOrDefault("fair-sales", d.fairSales()),
        topicOverrides.getOrDefault("campaign-totals", d.campaignTotals()),
        topicOverrides.getOrDefault("budget-alerts", d.budgetAlerts()),
        topicOverrides.getOrDefault("dead-letters", d.deadLetters()),
        topicOverrides.getOrDefault("late-events", d.lateEvents()));
  }

  /** The run's configuration: these cluster settings with the given streams settings (null for producers). */
  public PulseConfig toConfig(StreamsOptions streams) {
    PulseConfig config = new PulseConfig(bootstrapServers, schemaRegistryUrl, topicNames(), partitions,
        replicationFactor,
        streams == null ? "campaign-pulse" : streams.applicationId,
        streams == null ? Path.of("var/state") : streams.stateDir,
        streams == null ? 100 : streams.commitIntervalMs,
        streams == null ? 0 : streams.standbyReplicas,
        clientConfig);
    return streams == null ? config : config.withAnalytics(streams.timeZone, streams.grace)
        .withAlerts(streams.alertSettings(), streams.alertWebhook).withStreamsConfig(streams.streamsConfig)
        .withOrdersFromInput(streams.ordersStateFromInput).withStreamThreads(streams.streamThreads);
  }
}
