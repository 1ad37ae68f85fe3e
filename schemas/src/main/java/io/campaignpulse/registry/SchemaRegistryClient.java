package io.campaignpulse.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The operations of the Confluent Schema Registry REST API this project uses.
 *
 * <p>Implemented over HTTP by {@link HttpSchemaRegistryClient} (works with Confluent Schema
 * Registry and with Apicurio Registry's {@code /apis/ccompat/v7} API) and in memory by
 * {@link InMemorySchemaRegistry} for tests. Obtain one with {@link SchemaRegistries#forUrl}.
 *
 * <p>Every method reports a registry-side error (HTTP 4xx/5xx) or an unreachable registry as a
 * {@link SchemaRegistryException}. Implementations are thread-safe.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /** Compatibility levels understood by the registry (the values of {@code PUT /config}). */
  java.util.Set<String> COMPATIBILITY_LEVELS = java.util.Set.of(
      "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE",
      "FULL", "FULL_TRANSITIVE");

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions})
   * and returns its global id. Idempotent: registering the same schema again returns the same id
   * and creates no new version.
   *
   * @throws SchemaRegistryException 409 when the schema is incompatible with the subject's
   *     compatibility level, 42201 when the registry rejects it as invalid
   */
  int register(String subject, Schema schema);

  /**
   * Finds {@code schema} among the versions of {@code subject} ({@code POST /subjects/{subject}}).
   *
   * @throws SchemaRegistryException error code 40401 when the subject does not exist, 40403 when
   *     the schema is not registered under it
   */
  RegisteredSchema lookup(String subject, Schema schema);

  /**
   * The schema with the global id {@code id} ({@code GET /schemas/ids/{id}}).
   *
   * @throws SchemaRegistryException error code 40403 when no schema has that id
   */
  Schema getById(int id);

  /**
   * The latest version of {@code subject} ({@code GET /subjects/{subject}/versions/latest}).
   *
   * @throws SchemaRegistryException error code 40401 when the subject does not exist
   */
  RegisteredSchema latest(String subject);

  /**
   * Whether {@code schema} may be registered under {@code subject} given the subject's
   * compatibility level ({@code POST /compatibility/subjects/{subject}/versions/latest}). A
   * subject without versions accepts any schema.
   */
  boolean isCompatible(String subject, Schema schema);

  /**
   * Sets the subject-level compatibility ({@code PUT /config/{subject}}), one of
   * {@link #COMPATIBILITY_LEVELS}.
   */
  void setCompatibility(String subject, String level);

  /**
   * The compatibility level configured for {@code subject} ({@code GET /config/{subject}}), or
   * empty when the subject has no subject-level configuration (error code 40408 or 40401).
   */
  Optional<String> getCompatibility(String subject);

  /** Releases resources; idempotent. Does not throw checked exceptions. */
  @Override
  void close();
}
