package io.campaignpulse.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link LocalSchemaRegistry} keeps its schemas: Apicurio Registry 3.3's storage settings for the three
 * kinds that run without Docker.
 *
 * <ul>
 *   <li>{@link #inMemory()}: Apicurio's default, SQL storage on an in-memory H2 database. Everything is gone when
 *       the process stops, and ids start again at 1, so an id already in topic data can come to mean another
 *       schema after a restart. Tests and the default.
 *   <li>{@link #h2File(Path)}: SQL storage on an H2 database file in a directory. Starts as fast as in memory.
 *       Opened with {@code WRITE_DELAY=0}: with H2's default delay (500 ms) a registry killed right after a
 *       registration came back without it, and without the ones before it.
 *   <li>{@link #kafkaSql(String)}: KafkaSQL, the usual production choice: every change is a record on a journal
 *       topic ({@code kafkasql-journal}, created by the registry with {@code retention.ms=-1}) on the given
 *       brokers, and a starting registry replays it into its own in-memory database. The registry's state lives on
 *       Kafka with the pipeline's data. The broker must be up before the registry starts.
 * </ul>
 */
public final class RegistryStorage {

  /** The journal topic KafkaSQL uses unless told otherwise (Apicurio's default). */
  public static final String DEFAULT_JOURNAL_TOPIC = "kafkasql-journal";

  /**
   * How long the KafkaSQL consumers wait in one poll. Apicurio's default of 5 s makes a start take 22-34 s on a
   * 2-core machine, as its start-up polls the (empty) snapshots topic in full waits; 500 ms takes about 12 s.
   */
  static final String KAFKASQL_POLL_TIMEOUT_MS = "500";

  private enum Kind { IN_MEMORY, H2_FILE, KAFKASQL }

  private final Kind kind;
  private final Path directory;
  private final String bootstrapServers;
  private final String journalTopic;

  private RegistryStorage(Kind kind, Path directory, String bootstrapServers, String journalTopic) {
    this.kind = kind;
    this.directory = directory;
    this.bootstrapServers = bootstrapServers;
    this.journalTopic = journalTopic;
  }

  /** Schemas in memory, lost when the registry stops (Apicurio's default). */
  public static RegistryStorage inMemory() {
    return new RegistryStorage(Kind.IN_MEMORY, null, null, null);
  }

  /** Schemas in an H2 database file {@code registry.mv.db} in {@code directory}, kept across restarts. */
  public static RegistryStorage h2File(Path directory) {
    return new RegistryStorage(Kind.H2_FILE, Objects.requireNonNull(directory, "directory").toAbsolutePath(),
        null, null);
  }

  /** Schemas on a Kafka journal topic ({@value #DEFAULT_JOURNAL_TOPIC}) of the brokers at {@code bootstrapServers}. */
  public static RegistryStorage kafkaSql(String bootstrapServers) {
    return kafkaSql(bootstrapServers, DEFAULT_JOURNAL_TOPIC);
  }

  /** As {@link #kafkaSql(String)}, on another journal topic (its snapshots go to {@code <journalTopic>-snapshots}). */
  public static RegistryStorage kafkaSql(String bootstrapServers, String journalTopic) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("KafkaSQL storage needs bootstrap servers");
    }
    if (journalTopic == null || journalTopic.isBlank()) {
      throw new IllegalArgumentException("KafkaSQL storage needs a journal topic");
    }
    return new RegistryStorage(Kind.KAFKASQL, null, bootstrapServers.strip(), journalTopic.strip());
  }

  /** Whether schemas and their ids survive a restart of the registry. */
  public boolean isPersistent() {
    return kind != Kind.IN_MEMORY;
  }

  /** The Apicurio settings (system properties) that select this storage. */
  public Map<String, String> systemProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    switch (kind) {
      case IN_MEMORY -> {
        // Apicurio's defaults: apicurio.storage.kind=sql on jdbc:h2:mem:db_<random uuid>
      }
      case H2_FILE -> {
        p.put("apicurio.storage.kind", "sql");
        p.put("apicurio.storage.sql.kind", "h2");
        p.put("apicurio.datasource.url", h2Url(directory));
      }
      case KAFKASQL -> {
        p.put("apicurio.storage.kind", "kafkasql");
        p.put("apicurio.kafkasql.bootstrap.servers", bootstrapServers);
        p.put("apicurio.kafkasql.topic", journalTopic);
        if (!DEFAULT_JOURNAL_TOPIC.equals(journalTopic)) {
          p.put("apicurio.kafkasql.snapshots.topic", journalTopic + "-snapshots");
        }
        p.put("apicurio.kafkasql.consumer.poll.timeout", KAFKASQL_POLL_TIMEOUT_MS);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return p;
  }

  /** The JDBC URL of the database file in {@code directory}: every commit is written before it is answered. */
  static String h2Url(Path directory) {
    return "jdbc:h2:file:" + directory.resolve("registry").toString().replace('\\', '/') + ";WRITE_DELAY=0";
  }

  @Override
  public String toString() {
    return switch (kind) {
      case IN_MEMORY -> "in memory";
      case H2_FILE -> "H2 file in " + directory;
      case KAFKASQL -> "KafkaSQL on " + bootstrapServers + " (" + journalTopic + ")";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryStorage s && s.kind == kind && Objects.equals(s.directory, directory)
        && Objects.equals(s.bootstrapServers, bootstrapServers) && Objects.equals(s.journalTopic, journalTopic);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, directory, bootstrapServers, journalTopic);
  }
}
