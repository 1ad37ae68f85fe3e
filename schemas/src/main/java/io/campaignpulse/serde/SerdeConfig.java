package io.campaignpulse.serde;

import io.campaignpulse.registry.SchemaRegistries;
import io.campaignpulse.registry.SchemaRegistryClient;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration keys of {@link AvroWireSerializer}, {@link AvroWireDeserializer} and
 * {@link AvroWireSerde}, read from the map given to {@code configure} (typically the Kafka client
 * or Streams configuration).
 */
public final class SerdeConfig {

  /**
   * Required. {@code http(s)://host:port[/path]} (Confluent-compatible API root, e.g.
   * {@code http://localhost:8080/apis/ccompat/v7} for Apicurio) or {@code mock://<scope>}.
   */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /**
   * Serializer: register the record's schema when it is not known yet ({@code true}, default), or
   * only look it up and fail when it is not registered ({@code false}).
   */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /**
   * Serializer, only with auto-registration: the compatibility level to give a subject the first
   * time this serializer registers under it, when the subject has no or a different level.
   * Default {@value #DEFAULT_COMPATIBILITY}; an empty value leaves subjects untouched.
   */
  public static final String SCHEMA_COMPATIBILITY = "schema.compatibility";

  public static final String DEFAULT_COMPATIBILITY = "BACKWARD";

  /** HTTP connect timeout in ms; see {@link SchemaRegistries#CONNECT_TIMEOUT_MS}. */
  public static final String REGISTRY_CONNECT_TIMEOUT_MS = SchemaRegistries.CONNECT_TIMEOUT_MS;
  /** HTTP request timeout in ms; see {@link SchemaRegistries#REQUEST_TIMEOUT_MS}. */
  public static final String REGISTRY_REQUEST_TIMEOUT_MS = SchemaRegistries.REQUEST_TIMEOUT_MS;
  /** Attempts per registry call; see {@link SchemaRegistries#MAX_ATTEMPTS}. */
  public static final String REGISTRY_MAX_ATTEMPTS = SchemaRegistries.MAX_ATTEMPTS;
  /** First retry backoff in ms; see {@link SchemaRegistries#RETRY_BACKOFF_MS}. */
  public static final String REGISTRY_RETRY_BACKOFF_MS = SchemaRegistries.RETRY_BACKOFF_MS;
  /** Maximum retry backoff in ms; see {@link SchemaRegistries#RETRY_BACKOFF_MAX_MS}. */
  public static final String REGISTRY_RETRY_BACKOFF_MAX_MS = SchemaRegistries.RETRY_BACKOFF_MAX_MS;

  private SerdeConfig() {
  }

  /** A registry client for {@link #SCHEMA_REGISTRY_URL}, owned by the caller. */
  static SchemaRegistryClient registry(Map<String, ?> configs) {
    Object url = configs == null ? null : configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, url,
          "required: http(s)://host:port[/path] or mock://<scope>");
    }
    try {
      return SchemaRegistries.forUrl(url.toString(), configs);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
    }
  }

  static boolean autoRegister(Map<String, ?> configs) {
    Object value = configs == null ? null : configs.get(AUTO_REGISTER_SCHEMAS);
    if (value == null) {
      return true;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().strip();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(AUTO_REGISTER_SCHEMAS, value, "expected true or false");
  }

  /** The level to enforce, or null to leave subjects untouched. */
  static String compatibility(Map<String, ?> configs) {
    Object value = configs == null ? null : configs.get(SCHEMA_COMPATIBILITY);
    if (value == null) {
      return DEFAULT_COMPATIBILITY;
    }
    String level = value.toString().strip().toUpperCase(Locale.ROOT);
    if (level.isEmpty()) {
      return null;
    }
    if (!SchemaRegistryClient.COMPATIBILITY_LEVELS.contains(level)) {
      throw new ConfigException(SCHEMA_COMPATIBILITY, value,
          "expected one of " + SchemaRegistryClient.COMPATIBILITY_LEVELS + " or empty");
    }
    return level;
  }
}
