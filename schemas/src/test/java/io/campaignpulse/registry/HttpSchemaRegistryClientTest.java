package io.campaignpulse.registry;

import static io.campaignpulse.registry.TestSchemas.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpSchemaRegistryClient.Settings FAST = new HttpSchemaRegistryClient.Settings(
      Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofMillis(40));

  private StubRegistryServer server;
  private HttpSchemaRegistryClient client;

  @BeforeEach
  void start() throws IOException {
    server = new StubRegistryServer();
    client = new HttpSchemaRegistryClient(server.baseUrl() + "/", FAST);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void registerPostsTheSchemaAsRegistryJsonAndCachesTheId() throws IOException {
    // Given a registry that assigns id 7
    server.reply(200, "{\"id\":7}");

    // When the schema is registered twice
    int id = client.register("t-value", V1);
    int again = client.register("t-value", TestSchemas.parse(V1.toString()));

    // Then one request was made, with the registry media type and the schema text
    assertThat(id).isEqualTo(7);
    assertThat(again).isEqualTo(7);
    assertThat(server.requests()).hasSize(1);
    StubRegistryServer.Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/apis/ccompat/v7/subjects/t-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("schemaType").asText()).isEqualTo("AVRO");
    assertThat(TestSchemas.parse(body.get("schema").asText())).isEqualTo(V1);
  }

  @Test
  void serverErrorsAreRetriedUntilTheRegistryAnswers() {
    // Given a registry failing twice with 500 before answering
    server.reply(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}")
        .reply(500, "oops")
        .reply(200, "{\"id\":1}");

    // When a schema is registered
    int id = client.register("t-value", V1);

    // Then the third attempt succeeded
    assertThat(id).isEqualTo(1);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void persistentServerErrorsFailAfterTheConfiguredAttempts() {
    // Given a registry always answering 503
    for (int i = 0; i < 5; i++) {
      server.reply(503, "{\"error_code\":50003,\"message\":\"Error while forwarding\"}");
    }

    // When / Then the third failure is reported, transient, with the registry's code
    assertThatThrownBy(() -> client.register("t-value", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.errorCode()).isEqualTo(50003);
          assertThat(e.isTransient()).isTrue();
          assertThat(e.isUnreachable()).isFalse();
        });
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aNotFoundAnswerCarriesTheRegistryErrorCodeAndIsNotRetried() {
    // Given the answer Apicurio gives for an unknown id
    server.reply(404, "{\"message\":\"Schema 99 not found.\",\"error_code\":40403}");

    // When / Then
    assertThatThrownBy(() -> client.getById(99))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
          assertThat(e.registryMessage()).isEqualTo("Schema 99 not found.");
          assertThat(e.isTransient()).isFalse();
        })
        .hasMessage("schema registry " + server.baseUrl()
            + "/schemas/ids/99: 404 error_code=40403: Schema 99 not found.");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void anErrorWithoutJsonBodyUsesTheStatusAsCode() {
    // Given a proxy in front of the registry answering with HTML, and a single attempt
    HttpSchemaRegistryClient once = new HttpSchemaRegistryClient(server.baseUrl(),
        new HttpSchemaRegistryClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
            Duration.ZERO, Duration.ZERO));
    server.reply(502, "<html>Bad Gateway</html>");

    // When / Then
    assertThatThrownBy(() -> once.getById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(502);
          assertThat(e.errorCode()).isEqualTo(502);
          assertThat(e.registryMessage()).contains("Bad Gateway");
        });
  }

  @Test
  void getByIdParsesTheSchemaAndCachesIt() throws IOException {
    // Given a registry answering with the schema text
    server.reply(200, JSON.writeValueAsString(
        JsonNodeFactory.instance.objectNode().put("schema", V1.toString())));

    // When the id is resolved twice
    assertThat(client.getById(5)).isEqualTo(V1);
    assertThat(client.getById(5)).isEqualTo(V1);

    // Then the registry was asked once, at the right path
    assertThat(server.requests()).singleElement()
        .satisfies(r -> assertThat(r.rawPath()).isEqualTo("/apis/ccompat/v7/schemas/ids/5"));
  }

  @Test
  void lookupReadsSubjectVersionAndIdLikeApicurioSendsThem() throws IOException {
    // Given Apicurio's answer to POST /subjects/t-value
    server.reply(200, JSON.writeValueAsString(JsonNodeFactory.instance.objectNode()
        .put("subject", "t-value").put("version", 1).put("id", 1).put("schema", V1.toString())));

    // When
    RegisteredSchema found = client.lookup("t-value", V1);

    // Then
    assertThat(found).isEqualTo(new RegisteredSchema("t-value", 1, 1, V1));
    assertThat(server.requests().get(0).rawPath()).isEqualTo("/apis/ccompat/v7/subjects/t-value");
    assertThat(server.requests().get(0).method()).isEqualTo("POST");
  }

  @Test
  void latestOfAnUnknownSubjectIs40401() {
    // Given Apicurio's answer for an unknown subject; When / Then
    server.reply(404, "{\"message\":\"Subject 'nope' not found.\",\"error_code\":40401}");

    assertThatThrownBy(() -> client.latest("nope"))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    assertThat(server.requests().get(0).rawPath())
        .isEqualTo("/apis/ccompat/v7/subjects/nope/versions/latest");
  }

  @Test
  void compatibilityChecksReadTheVerdict() {
    // Given the registry says yes, then no, then the subject does not exist
    server.reply(200, "{\"is_compatible\":true}")
        .reply(200, "{\"is_compatible\":false}")
        .reply(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");

    // When / Then
    assertThat(client.isCompatible("t-value", V1)).isTrue();
    assertThat(client.isCompatible("t-value", V1)).isFalse();
    assertThat(client.isCompatible("x", V1)).isTrue();
    assertThat(server.requests().get(0).rawPath())
        .isEqualTo("/apis/ccompat/v7/compatibility/subjects/t-value/versions/latest");
  }

  @Test
  void compatibilityConfigIsPutAndRead() throws IOException {
    // Given Apicurio's answers: NONE before, the echo of the PUT, and a Confluent 40408
    server.reply(200, "{\"compatibilityLevel\":\"NONE\"}")
        .reply(200, "{\"compatibility\":\"BACKWARD\",\"normalize\":false}")
        .reply(404, "{\"error_code\":40408,\"message\":\"Subject 'x' does not have"
            + " subject-level compatibility configured\"}");

    // When
    String before = client.getCompatibility("t-value").orElseThrow();
    client.setCompatibility("t-value", "BACKWARD");
    boolean unconfigured = client.getCompatibility("x").isEmpty();

    // Then
    assertThat(before).isEqualTo("NONE");
    assertThat(unconfigured).isTrue();
    StubRegistryServer.Request put = server.requests().get(1);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.rawPath()).isEqualTo("/apis/ccompat/v7/config/t-value");
    assertThat(JSON.readTree(put.body()).get("compatibility").asText()).isEqualTo("BACKWARD");
  }

  @Test
  void subjectsAreUrlEncodedAsOnePathSegment() {
    // Given a subject with a space, a slash and a plus
    server.reply(200, "{\"id\":3}");

    // When it is registered
    client.register("odd subject/with+chars", V1);

    // Then it stays one path segment
    assertThat(server.requests().get(0).rawPath())
        .isEqualTo("/apis/ccompat/v7/subjects/odd%20subject%2Fwith%2Bchars/versions");
  }

  @Test
  void aClosedPortIsReportedAsUnreachableNamingTheUrl() throws IOException {
    // Given a client for a port nobody listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    HttpSchemaRegistryClient nowhere = new HttpSchemaRegistryClient(url, FAST);

    // When / Then the failure names the URL, the cause and the attempts
    assertThatThrownBy(() -> nowhere.getById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.isUnreachable()).isTrue();
          assertThat(e.isTransient()).isTrue();
          assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
        })
        .hasMessageStartingWith("schema registry at " + url + "/schemas/ids/1 unreachable: ")
        .hasMessageContaining("Connection refused")
        .hasMessageEndingWith("(gave up after 3 attempts)");
  }

  @Test
  void aSlowRegistryTimesOutAsUnreachable() {
    // Given a registry slower than the request timeout
    HttpSchemaRegistryClient impatient = new HttpSchemaRegistryClient(server.baseUrl(),
        new HttpSchemaRegistryClient.Settings(Duration.ofSeconds(2), Duration.ofMillis(200), 1,
            Duration.ZERO, Duration.ZERO));
    server.replyAfter(2_000, 200, "{\"id\":1}");

    // When / Then
    assertThatThrownBy(() -> impatient.register("t-value", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.isUnreachable()).isTrue())
        .hasMessageContaining("unreachable")
        .hasMessageContaining("timed out");
  }

  @Test
  void aClosedClientRefusesCalls() {
    // Given a closed client
    client.close();

    // When / Then no request is sent

    assertThatThrownBy(() -> client.getById(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void invalidSettingsAreRejected() {
    // Given zero attempts, then a non-HTTP URL; When / Then
    assertThatThrownBy(() -> new HttpSchemaRegistryClient.Settings(Duration.ofSeconds(1),
        Duration.ofSeconds(1), 0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new HttpSchemaRegistryClient("ftp://registry:21"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://registry:21");
  }
}
