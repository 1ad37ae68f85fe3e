package io.campaignpulse.registry;

import static io.campaignpulse.registry.TestSchemas.ID_AS_INT;
import static io.campaignpulse.registry.TestSchemas.ID_AS_INT_WITH_NOTE;
import static io.campaignpulse.registry.TestSchemas.V1;
import static io.campaignpulse.registry.TestSchemas.V2_REQUIRED_FIELD;
import static io.campaignpulse.registry.TestSchemas.V2_WITH_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

  private final InMemorySchemaRegistry registry =
      new InMemorySchemaRegistry("mock://unit", "BACKWARD");

  @Test
  void registeringTheSameSchemaTwiceGivesTheSameIdAndOneVersion() {
    // Given a registered schema
    int first = registry.register("orders-value", V1);

    // When it is registered again, as an equal but distinct instance
    int second = registry.register("orders-value", TestSchemas.parse(V1.toString()));

    // Then the id is the same and the subject has a single version
    assertThat(second).isEqualTo(first).isEqualTo(1);
    assertThat(registry.latest("orders-value").version()).isEqualTo(1);
  }

  @Test
  void idsAreGlobalAcrossSubjectsAndVersionsArePerSubject() {
    // Given one schema in two subjects, and a second schema in one of them
    int a = registry.register("orders-value", V1);
    int b = registry.register("archive-value", V1);
    int c = registry.register("orders-value", V2_WITH_DEFAULT);

    // Then the shared schema has one id, the new schema the next id and version 2
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a + 1);
    assertThat(registry.lookup("archive-value", V1).version()).isEqualTo(1);
    assertThat(registry.lookup("orders-value", V1))
        .isEqualTo(new RegisteredSchema("orders-value", a, 1, V1));
    assertThat(registry.latest("orders-value"))
        .isEqualTo(new RegisteredSchema("orders-value", c, 2, V2_WITH_DEFAULT));
    assertThat(registry.getById(c)).isEqualTo(V2_WITH_DEFAULT);
  }

  @Test
  void unknownIdsAndSubjectsAnswerWithConfluentErrorCodes() {
    // Given a subject holding V1 only
    registry.register("orders-value", V1);

    // When / Then unknown ids, subjects and schemas get 40403 / 40401 / 40403

    assertThatThrownBy(() -> registry.getById(99))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40403);
          assertThat(e.registryMessage()).isEqualTo("Schema 99 not found.");
          assertThat(e.isTransient()).isFalse();
        })
        .hasMessage("schema registry mock://unit: 404 error_code=40403: Schema 99 not found.");
    assertThatThrownBy(() -> registry.latest("nope"))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(40401))
        .hasMessageContaining("Subject 'nope' not found.");
    assertThatThrownBy(() -> registry.lookup("nope", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> registry.lookup("orders-value", V2_WITH_DEFAULT))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void backwardCompatibilityLetsNewReadersReadTheLatestSchemasData() {
    // Given a BACKWARD subject holding V1
    registry.setCompatibility("orders-value", "BACKWARD");
    registry.register("orders-value", V1);

    // Then adding a defaulted field passes and adding a required field fails
    assertThat(registry.isCompatible("orders-value", V2_WITH_DEFAULT)).isTrue();
    assertThat(registry.isCompatible("orders-value", V2_REQUIRED_FIELD)).isFalse();
    // and a subject without versions accepts anything
    assertThat(registry.isCompatible("empty-value", V2_REQUIRED_FIELD)).isTrue();
  }

  @Test
  void registeringAnIncompatibleSchemaUnderBackwardIsRefusedWith409() {
    // Given a BACKWARD subject holding V1
    registry.setCompatibility("orders-value", "BACKWARD");
    registry.register("orders-value", V1);

    // When / Then
    assertThatThrownBy(() -> registry.register("orders-value", V2_REQUIRED_FIELD))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        })
        .hasMessageContaining("incompatible")
        .hasMessageContaining("qty");
    // and nothing was added
    assertThat(registry.latest("orders-value").version()).isEqualTo(1);
  }

  @Test
  void levelNoneAcceptsAnything() {
    // Given a NONE subject holding V1
    registry.setCompatibility("orders-value", "NONE");
    registry.register("orders-value", V1);

    // When a schema incompatible both ways is registered
    int id = registry.register("orders-value", ID_AS_INT);

    // Then it becomes version 2
    assertThat(registry.latest("orders-value").id()).isEqualTo(id);
    assertThat(registry.latest("orders-value").version()).isEqualTo(2);
  }

  @Test
  void transitiveLevelsCheckEveryVersionNotOnlyTheLatest() {
    // Given V1 then, with checks off, ID_AS_INT
    registry.setCompatibility("orders-value", "NONE");
    registry.register("orders-value", V1);
    registry.register("orders-value", ID_AS_INT);

    // When a schema BACKWARD-compatible with the latest but not with V1 is checked
    registry.setCompatibility("orders-value", "BACKWARD");
    boolean backward = registry.isCompatible("orders-value", ID_AS_INT_WITH_NOTE);
    registry.setCompatibility("orders-value", "BACKWARD_TRANSITIVE");
    boolean transitive = registry.isCompatible("orders-value", ID_AS_INT_WITH_NOTE);

    // Then only the transitive level refuses it
    assertThat(backward).isTrue();
    assertThat(transitive).isFalse();
  }

  @Test
  void forwardCompatibilityLetsOldReadersReadTheNewSchemasData() {
    // Given a FORWARD subject holding a schema with a required 'qty'
    registry.setCompatibility("orders-value", "FORWARD");
    registry.register("orders-value", V2_REQUIRED_FIELD);

    // Then a new schema without 'qty' breaks the old readers; one with an extra field does not
    assertThat(registry.isCompatible("orders-value", V1)).isFalse();
    assertThat(registry.isCompatible("orders-value", TestSchemas.parse("""
        {"type":"record","name":"Order","namespace":"test","fields":[
          {"name":"id","type":"string"},
          {"name":"qty","type":"int"},
          {"name":"extra","type":"long"}]}"""))).isTrue();
  }

  @Test
  void theRegistryDefaultAppliesToSubjectsWithoutTheirOwnLevel() {
    // Given a registry whose default is BACKWARD, and a subject without a level of its own
    registry.register("orders-value", V1);

    // Then the default is enforced but not reported as the subject's configuration
    assertThat(registry.getCompatibility("orders-value")).isEmpty();
    assertThat(registry.isCompatible("orders-value", V2_REQUIRED_FIELD)).isFalse();
    InMemorySchemaRegistry lenient = new InMemorySchemaRegistry("mock://lenient", "NONE");
    lenient.register("orders-value", V1);
    assertThat(lenient.isCompatible("orders-value", V2_REQUIRED_FIELD)).isTrue();
  }

  @Test
  void compatibilityConfigIsSetPerSubjectAndReadBack() {
    // Given no configuration
    assertThat(registry.getCompatibility("orders-value")).isEmpty();

    // When the subject is set to FULL
    registry.setCompatibility("orders-value", "FULL");

    // Then it reads back, and other subjects are untouched
    assertThat(registry.getCompatibility("orders-value")).contains("FULL");
    assertThat(registry.getCompatibility("other-value")).isEmpty();
  }

  @Test
  void anUnknownCompatibilityLevelIsRefused() {
    // Given a level that does not exist; When / Then it is refused and nothing is stored
    assertThatThrownBy(() -> registry.setCompatibility("orders-value", "SIDEWAYS"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(422);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL);
        });
    assertThat(registry.getCompatibility("orders-value")).isEmpty();
  }

  @Test
  void closingKeepsTheData() {
    // Given a registered schema
    int id = registry.register("orders-value", V1);

    // When the registry is closed
    registry.close();

    // Then it still answers (a mock scope outlives its clients)
    assertThat(registry.getById(id)).isEqualTo(V1);
  }
}
