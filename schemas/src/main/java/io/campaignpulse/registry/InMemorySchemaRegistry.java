package io.campaignpulse.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A schema registry held in memory, with the semantics of the Confluent REST API, for unit tests
 * (URL {@code mock://<scope>} via {@link SchemaRegistries}).
 *
 * <p>Ids are global and stable: identical schema text always gets the same id, whatever the
 * subject. Versions are numbered per subject from 1; re-registering a schema already in a subject
 * creates no version. Compatibility is checked with {@link SchemaCompatibility} against the
 * subject's level (or the registry-wide default, {@code BACKWARD} unless given): for BACKWARD the
 * new schema must be able to read data written with the latest one (new = reader, latest =
 * writer); FORWARD is the reverse, FULL both, {@code *_TRANSITIVE} against every version. A
 * violation is a {@link SchemaRegistryException} with HTTP status and error code 409. Errors use
 * the Confluent error codes (40401, 40403, 40408, 42203). Thread-safe (all methods synchronized).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private final String location;
  private final String defaultCompatibility;
  private final Map<String, Integer> idsByText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
  private final Map<String, String> compatibilityBySubject = new HashMap<>();
  private int nextId = 1;

  /** An empty registry with default compatibility BACKWARD (as Confluent's). */
  public InMemorySchemaRegistry() {
    this("in-memory", "BACKWARD");
  }

  /**
   * An empty registry.
   *
   * @param location             how error messages name this registry, e.g. {@code mock://test}
   * @param defaultCompatibility level applied to subjects without their own
   */
  public InMemorySchemaRegistry(String location, String defaultCompatibility) {
    this.location = location;
    this.defaultCompatibility = requireLevel(defaultCompatibility);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    String text = schema.toString();
    Integer id = idsByText.get(text);
    List<Integer> versions = versionsBySubject.get(subject);
    if (id != null && versions != null && versions.contains(id)) {
      return id;
    }
    if (versions != null && !versions.isEmpty()) {
      String incompatibility = incompatibility(subject, schema);
      if (incompatibility != null) {
        throw error(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
            "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\": " + incompatibility);
      }
    }
    if (id == null) {
      id = nextId++;
      idsByText.put(text, id);
      schemasById.put(id, new Schema.Parser().parse(text));
    }
    versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    List<Integer> versions = versionsOf(subject);
    Integer id = idsByText.get(schema.toString());
    int index = id == null ? -1 : versions.indexOf(id);
    if (index < 0) {
      throw error(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
    }
    return new RegisteredSchema(subject, id, index + 1, schemasById.get(id));
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw error(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found.");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = versionsOf(subject);
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id));
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.get(subject);
    return versions == null || versions.isEmpty() || incompatibility(subject, schema) == null;
  }

  @Override
  public synchronized void setCompatibility(String subject, String level) {
    if (level == null || !COMPATIBILITY_LEVELS.contains(level)) {
      throw error(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
          "Invalid compatibility level. Valid values are none, backward, forward, full,"
              + " backward_transitive, forward_transitive, and full_transitive");
    }
    compatibilityBySubject.put(subject, level);
  }

  @Override
  public synchronized Optional<String> getCompatibility(String subject) {
    String level = compatibilityBySubject.get(subject);
    if (level == null) {
      // Confluent answers 404/40408 here; the interface maps that to empty.
      return Optional.empty();
    }
    return Optional.of(level);
  }

  /** Nothing to release: the data stays available to other users of the same scope. */
  @Override
  public void close() {
  }

  private List<Integer> versionsOf(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw error(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
          "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  /** Why {@code candidate} violates the subject's compatibility level, or null when it does not. */
  private String incompatibility(String subject, Schema candidate) {
    String level = compatibilityBySubject.getOrDefault(subject, defaultCompatibility);
    if (level.equals("NONE")) {
      return null;
    }
    List<Integer> versions = versionsBySubject.get(subject);
    List<Integer> against = level.endsWith("_TRANSITIVE")
        ? versions : versions.subList(versions.size() - 1, versions.size());
    boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
    boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
    for (int id : against) {
      Schema existing = schemasById.get(id);
      if (backward) {
        String problem = problem(candidate, existing);
        if (problem != null) {
          return level + ": new schema cannot read data written with schema id " + id + ": "
              + problem;
        }
      }
      if (forward) {
        String problem = problem(existing, candidate);
        if (problem != null) {
          return level + ": schema id " + id + " cannot read data written with the new schema: "
              + problem;
        }
      }
    }
    return null;
  }

  private static String problem(Schema reader, Schema writer) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return null;
    }
    return result.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
        .reduce((a, b) -> a + "; " + b)
        .orElse(result.getDescription());
  }

  private SchemaRegistryException error(int status, int code, String message) {
    return new SchemaRegistryException(location, status, code, message);
  }

  private static String requireLevel(String level) {
    if (level == null || !COMPATIBILITY_LEVELS.contains(level)) {
      throw new IllegalArgumentException("unknown compatibility level '" + level
          + "', expected one of " + COMPATIBILITY_LEVELS);
    }
    return level;
  }
}
