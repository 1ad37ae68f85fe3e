package io.campaignpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.registry.InMemorySchemaRegistry;
import io.campaignpulse.registry.SchemaRegistries;
import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroWireSerializerTest {

  private String scope;
  private Map<String, Object> config;
  private InMemorySchemaRegistry registry;

  @BeforeEach
  void newMockScope() {
    scope = "ser-" + UUID.randomUUID();
    config = new HashMap<>(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope));
    registry = SchemaRegistries.mockScope(scope);
  }

  @AfterEach
  void dropMockScope() {
    SchemaRegistries.dropMockScope(scope);
  }

  @Test
  void firstRegistrationGivesTheSubjectBackwardCompatibility() {
    // Given a subject without compatibility configuration
    assertThat(registry.getCompatibility("campaigns-value")).isEmpty();

    // When a default-configured serializer writes to its topic
    try (AvroWireSerializer<Campaign> serializer = configured(config)) {
      serializer.serialize("campaigns", TestRecords.campaign());
    }

    // Then the subject is set to BACKWARD
    assertThat(registry.getCompatibility("campaigns-value")).contains("BACKWARD");
  }

  @Test
  void aSubjectWithAnotherLevelIsSetToTheConfiguredOne() {
    // Given a subject explicitly at NONE and a serializer asking for FULL
    registry.setCompatibility("campaigns-value", "NONE");
    config.put(SerdeConfig.SCHEMA_COMPATIBILITY, "full");

    // When it writes
    try (AvroWireSerializer<Campaign> serializer = configured(config)) {
      serializer.serialize("campaigns", TestRecords.campaign());
    }

    // Then the subject is FULL
    assertThat(registry.getCompatibility("campaigns-value")).contains("FULL");
  }

  @Test
  void anEmptyCompatibilitySettingLeavesSubjectsUntouched() {
    // Given a serializer told not to manage compatibility
    config.put(SerdeConfig.SCHEMA_COMPATIBILITY, "");

    // When it writes
    try (AvroWireSerializer<Campaign> serializer = configured(config)) {
      serializer.serialize("campaigns", TestRecords.campaign());
    }

    // Then the subject still has no level of its own
    assertThat(registry.getCompatibility("campaigns-value")).isEmpty();
    assertThat(registry.latest("campaigns-value").version()).isEqualTo(1);
  }

  @Test
  void aRegistryRefusingConfigOfUnknownSubjectsIsConfiguredRightAfterTheFirstVersion() {
    // Given a registry that, like some Apicurio versions, answers 404 to PUT /config of a subject
    // that has no versions yet
    SchemaRegistryClient strict = (SchemaRegistryClient) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {SchemaRegistryClient.class},
        (proxy, method, args) -> {
          if (method.getName().equals("setCompatibility") && !hasVersions((String) args[0])) {
            throw new SchemaRegistryException("http://registry/config/" + args[0], 404, 40401,
                "Subject '" + args[0] + "' not found.");
          }
          try {
            return method.invoke(registry, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });

    // When a serializer writes the first record of the topic
    try (AvroWireSerializer<Campaign> serializer = new AvroWireSerializer<>(strict)) {
      serializer.configure(config, false);
      serializer.serialize("campaigns", TestRecords.campaign());
    }

    // Then the schema is registered and the subject configured right after
    assertThat(registry.latest("campaigns-value").version()).isEqualTo(1);
    assertThat(registry.getCompatibility("campaigns-value")).contains("BACKWARD");
  }

  @Test
  void aSubjectConfiguredByAnotherSerializerMeanwhileIsFine() {
    // Given a registry where another serializer (a second stream thread) configures the subject between this one's
    // read and write of its compatibility, and which, like Apicurio, answers 409 to the second write
    java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
    SchemaRegistryClient racing = (SchemaRegistryClient) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {SchemaRegistryClient.class},
        (proxy, method, args) -> {
          if (method.getName().equals("setCompatibility") && raced.compareAndSet(false, true)) {
            registry.setCompatibility((String) args[0], (String) args[1]);
            throw new SchemaRegistryException("http://registry/config/" + args[0], 409, 0,
                "A rule named 'COMPATIBILITY' already exists.");
          }
          try {
            return method.invoke(registry, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });

    // When this serializer writes its first record of the topic
    try (AvroWireSerializer<Campaign> serializer = new AvroWireSerializer<>(racing)) {
      serializer.configure(config, false);
      serializer.serialize("campaigns", TestRecords.campaign());
    }

    // Then the record is written and the subject has the level both wanted
    assertThat(raced).isTrue();
    assertThat(registry.latest("campaigns-value").version()).isEqualTo(1);
    assertThat(registry.getCompatibility("campaigns-value")).contains("BACKWARD");
  }

  @Test
  void aConflictLeavingAnotherLevelIsStillAnError() {
    SchemaRegistryClient conflicting = (SchemaRegistryClient) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {SchemaRegistryClient.class},
        (proxy, method, args) -> {
          if (method.getName().equals("setCompatibility")) {
            registry.setCompatibility((String) args[0], "NONE");
            throw new SchemaRegistryException("http://registry/config/" + args[0], 409, 0,
                "A rule named 'COMPATIBILITY' already exists.");
          }
          try {
            return method.invoke(registry, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    try (AvroWireSerializer<Campaign> serializer = new AvroWireSerializer<>(conflicting)) {
      serializer.configure(config, false);
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> serializer.serialize("campaigns", TestRecords.campaign()))
          .hasMessageContaining("COMPATIBILITY");
    }
  }

  private boolean hasVersions(String subject) {
    try {
      registry.latest(subject);
      return true;
    } catch (SchemaRegistryException e) {
      return false;
    }
  }

  @Test
  void theRegistryIsAskedOncePerSubjectAndSchemaThenTheCacheServes() {
    // Given a serializer over a registry that counts calls
    CountingRegistry counting = new CountingRegistry(registry);
    try (AvroWireSerializer<SpecificRecord> serializer = new AvroWireSerializer<>(counting)) {
      serializer.configure(config, false);

      // When it writes 100 orders and 100 visits
      for (int i = 0; i < 100; i++) {
        serializer.serialize("tradein-orders", TestRecords.tradeInOrder());
        serializer.serialize("fair-visits", TestRecords.fairVisit());
      }
    }

    // Then each subject was registered and configured exactly once
    assertThat(counting.calls("register")).isEqualTo(2);
    assertThat(counting.calls("getCompatibility")).isEqualTo(2);
    assertThat(counting.calls("setCompatibility")).isEqualTo(2);
    // and a serializer given a client does not close it
    assertThat(counting.calls("close")).isZero();
  }

  @Test
  void withoutAutoRegistrationTheRegisteredIdIsLookedUp() {
    // Given a schema registered beforehand and a serializer that must not register
    registry.register("filler-value", Campaign.getClassSchema());
    int id = registry.register("fair-visits-value", FairVisit.getClassSchema());
    config.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false");

    // When it writes
    byte[] bytes;
    try (AvroWireSerializer<FairVisit> serializer = configured(config)) {
      bytes = serializer.serialize("fair-visits", TestRecords.fairVisit());
    }

    // Then the payload carries the pre-registered id and no version was added
    assertThat(WireFormat.readSchemaId(bytes)).isEqualTo(id).isEqualTo(2);
    assertThat(registry.latest("fair-visits-value").version()).isEqualTo(1);
    assertThat(registry.getCompatibility("fair-visits-value")).isEmpty();
  }

  @Test
  void withoutAutoRegistrationAnUnregisteredSchemaFails() {
    // Given nothing registered and auto-registration off
    config.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, false);

    try (AvroWireSerializer<FairVisit> serializer = configured(config)) {
      // When / Then
      assertThatThrownBy(() -> serializer.serialize("fair-visits", TestRecords.fairVisit()))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("look up schema io.campaignpulse.avro.FairVisit under subject"
              + " fair-visits-value (auto.register.schemas=false)")
          .cause().isInstanceOfSatisfying(SchemaRegistryException.class,
              e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    }
    assertThat(registry.isCompatible("fair-visits-value", FairVisit.getClassSchema())).isTrue();
  }

  @Test
  void aSchemaIncompatibleWithTheSubjectIsRefused() {
    // Given the subject holds an order schema with a field the current class does not have
    // and that has no default: the current schema cannot read that data under BACKWARD
    Schema other = new Schema.Parser().parse("""
        {"type":"record","name":"TradeInOrder","namespace":"io.campaignpulse.avro","fields":[
          {"name":"orderId","type":"int"}]}""");
    registry.register("tradein-orders-value", other);

    try (AvroWireSerializer<TradeInOrder> serializer = configured(config)) {
      // When / Then
      assertThatThrownBy(() -> serializer.serialize("tradein-orders", TestRecords.tradeInOrder()))
          .isInstanceOf(SerializationException.class)
          .isNotInstanceOf(RetriableException.class)
          .hasMessageContaining("cannot register schema io.campaignpulse.avro.TradeInOrder"
              + " under subject tradein-orders-value")
          .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(409);
            assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
          });
    }
  }

  @Test
  void anUnreachableRegistryIsRetriableNotBadData() throws IOException {
    // Given a serializer pointed at a port nobody listens on, with a single attempt
    String url = "http://127.0.0.1:" + closedPort();
    Map<String, Object> unreachable = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url,
        SerdeConfig.REGISTRY_MAX_ATTEMPTS, 1, SerdeConfig.REGISTRY_CONNECT_TIMEOUT_MS, 2_000);

    try (AvroWireSerializer<Campaign> serializer = configured(unreachable)) {
      // When / Then
      assertThatThrownBy(() -> serializer.serialize("campaigns", TestRecords.campaign()))
          .isInstanceOf(RegistryUnavailableException.class)
          .isInstanceOf(RetriableException.class)
          .isNotInstanceOf(SerializationException.class)
          .hasMessageContaining("schema registry at " + url + "/")
          .hasMessageContaining("unreachable");
    }
  }

  @Test
  void aSchemaIdResolvedAtStartUpServesLaterWritesWithoutTheRegistry() {
    // Given a serializer that resolved its schema's id for a topic, before writing anything
    CountingRegistry counting = new CountingRegistry(registry);
    AvroWireSerializer<Campaign> serializer = new AvroWireSerializer<>(counting);
    serializer.configure(config, false);
    int id = serializer.schemaId("campaigns", Campaign.getClassSchema());
    assertThat(registry.latest("campaigns-value").id()).isEqualTo(id);
    int registered = counting.calls("register");

    // When it writes records of that schema, again and again
    byte[] first = serializer.serialize("campaigns", TestRecords.campaign());
    serializer.serialize("campaigns", TestRecords.campaign());

    // Then they carry that id and the registry was not asked again; another topic is resolved on its own
    assertThat(WireFormat.readSchemaId(first)).isEqualTo(id);
    assertThat(counting.calls("register")).isEqualTo(registered);
    assertThat(serializer.schemaId("campaigns", Campaign.getClassSchema())).isEqualTo(id);
    assertThat(counting.calls("register")).isEqualTo(registered);
    serializer.schemaId("campaigns-archive", Campaign.getClassSchema());
    assertThat(counting.calls("register")).isEqualTo(registered + 1);
  }

  @Test
  void aMissingRegistryUrlIsAConfigError() {
    // Given a configuration without schema.registry.url; When / Then
    AvroWireSerializer<Campaign> serializer = new AvroWireSerializer<>();
    assertThatThrownBy(() -> serializer.configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_URL);
  }

  @Test
  void anUnsupportedRegistryUrlOrLevelIsAConfigError() {
    // Given an ftp:// URL, then an unknown compatibility level; When / Then
    AvroWireSerializer<Campaign> serializer = new AvroWireSerializer<>();
    assertThatThrownBy(() -> serializer.configure(
        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "ftp://registry"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ftp://registry");
    assertThatThrownBy(() -> serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
        "mock://x", SerdeConfig.SCHEMA_COMPATIBILITY, "SIDEWAYS"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SerdeConfig.SCHEMA_COMPATIBILITY);
  }

  @Test
  void anUnconfiguredSerializerSaysSo() {
    // Given a serializer nobody configured; When / Then
    AvroWireSerializer<Campaign> serializer = new AvroWireSerializer<>();
    assertThatThrownBy(() -> serializer.serialize("campaigns", TestRecords.campaign()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not configured");
  }

  @Test
  void sharedInstancesSerializeAndDeserializeCorrectlyFromManyThreads() throws Exception {
    // Given one serializer and one deserializer shared by 8 threads
    try (AvroWireSerializer<SpecificRecord> serializer = new AvroWireSerializer<>();
        AvroWireDeserializer<TradeInOrder> deserializer =
            new AvroWireDeserializer<>(TradeInOrder.class)) {
      serializer.configure(config, false);
      deserializer.configure(config, false);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        // When each thread round-trips 500 distinct orders
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          results.add(pool.submit(() -> {
            int ok = 0;
            for (int i = 0; i < 500; i++) {
              TradeInOrder order = TestRecords.tradeInOrder();
              order.setOrderId("o-" + thread + "-" + i);
              order.setStreet(i % 2 == 0 ? null : "street-" + "x".repeat(i));
              byte[] bytes = serializer.serialize("tradein-orders", order);
              if (deserializer.deserialize("tradein-orders", bytes).equals(order)) {
                ok++;
              }
            }
            return ok;
          }));
        }

        // Then every record came back intact
        for (Future<Integer> result : results) {
          assertThat(result.get()).isEqualTo(500);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(registry.latest("tradein-orders-value").version()).isEqualTo(1);
  }

  private static <T extends SpecificRecord> AvroWireSerializer<T> configured(
      Map<String, ?> config) {
    AvroWireSerializer<T> serializer = new AvroWireSerializer<>();
    serializer.configure(config, false);
    return serializer;
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
