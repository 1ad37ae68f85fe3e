package io.campaignpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistriesTest {

  @AfterEach
  void dropScopes() {
    SchemaRegistries.dropMockScope("shared");
    SchemaRegistries.dropMockScope("other");
  }

  @Test
  void mockUrlsOfTheSameScopeShareOneRegistry() {
    // Given two clients of the same mock scope
    SchemaRegistryClient producer = SchemaRegistries.forUrl("mock://shared");
    SchemaRegistryClient consumer = SchemaRegistries.forUrl("mock://shared");

    // When one registers
    int id = producer.register("t-value", TestSchemas.V1);

    // Then the other resolves the id, and another scope does not
    assertThat(consumer.getById(id)).isEqualTo(TestSchemas.V1);
    assertThat(consumer).isInstanceOf(InMemorySchemaRegistry.class);
    SchemaRegistryClient other = SchemaRegistries.forUrl("mock://other");
    assertThatThrownBy(() -> other.getById(id)).isInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void droppingAScopeStartsItAfresh() {
    // Given a scope holding a subject
    SchemaRegistries.forUrl("mock://shared").register("t-value", TestSchemas.V1);

    // When the scope is dropped
    SchemaRegistries.dropMockScope("shared");

    // Then a new client of it sees an empty registry
    assertThatThrownBy(() -> SchemaRegistries.forUrl("mock://shared").latest("t-value"))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
  }

  @Test
  void httpUrlsGiveAnHttpClientWithoutTrailingSlash() {
    // Given an Apicurio ccompat URL with a trailing slash; When / Then
    try (SchemaRegistryClient client =
        SchemaRegistries.forUrl("http://127.0.0.1:8081/apis/ccompat/v7/")) {
      assertThat(client).isInstanceOfSatisfying(HttpSchemaRegistryClient.class,
          c -> assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7"));
    }
  }

  @Test
  void otherUrlsAreRejectedWithAClearMessage() {
    // Given URLs without scheme, scope, text, or with several hosts; When / Then
    assertThatThrownBy(() -> SchemaRegistries.forUrl("localhost:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported schema registry URL 'localhost:8081': expected http://...,"
            + " https://... or mock://<scope>");
    assertThatThrownBy(() -> SchemaRegistries.forUrl("mock://"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mock://<scope>");
    assertThatThrownBy(() -> SchemaRegistries.forUrl(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> SchemaRegistries.forUrl("http://a:8081,http://b:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only one");
  }

  @Test
  void timeoutsAndRetriesComeFromTheConfigAsNumbersOrStrings() {
    // Given settings as a Kafka config map would hold them
    Map<String, Object> config = Map.of(
        SchemaRegistries.CONNECT_TIMEOUT_MS, 1_500,
        SchemaRegistries.REQUEST_TIMEOUT_MS, "2500",
        SchemaRegistries.MAX_ATTEMPTS, "5",
        SchemaRegistries.RETRY_BACKOFF_MS, 20L,
        "bootstrap.servers", "ignored:9092");

    // When
    HttpSchemaRegistryClient.Settings settings = SchemaRegistries.settings(config);

    // Then given values are used, the rest defaults
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1_500));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(2_500));
    assertThat(settings.maxAttempts()).isEqualTo(5);
    assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(20));
    assertThat(settings.maxRetryBackoff())
        .isEqualTo(HttpSchemaRegistryClient.Settings.DEFAULT_MAX_RETRY_BACKOFF);
    assertThat(SchemaRegistries.settings(Map.of()))
        .isEqualTo(HttpSchemaRegistryClient.Settings.defaults());
  }

  @Test
  void aNonNumericSettingIsRejectedNamingTheKey() {
    // Given max attempts spelled out; When / Then
    assertThatThrownBy(() -> SchemaRegistries.forUrl("http://127.0.0.1:8081",
        Map.of(SchemaRegistries.MAX_ATTEMPTS, "three")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SchemaRegistries.MAX_ATTEMPTS);
  }
}
