package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegistryStorageTest {

  @Test
  void inMemoryLeavesApicuriosDefaultsAndIsNotPersistent() {
    assertThat(RegistryStorage.inMemory().systemProperties()).isEmpty();
    assertThat(RegistryStorage.inMemory().isPersistent()).isFalse();
  }

  @Test
  void anH2FileIsSqlStorageOnAFileDatabaseThatWritesEveryCommit() {
    RegistryStorage storage = RegistryStorage.h2File(Path.of("/var/reg"));
    assertThat(storage.isPersistent()).isTrue();
    assertThat(storage.systemProperties())
        .containsEntry("apicurio.storage.kind", "sql")
        .containsEntry("apicurio.storage.sql.kind", "h2")
        .containsEntry("apicurio.datasource.url", "jdbc:h2:file:/var/reg/registry;WRITE_DELAY=0");
  }

  @Test
  void kafkaSqlNamesTheBrokersTheJournalAndAShortPoll() {
    RegistryStorage storage = RegistryStorage.kafkaSql(" 127.0.0.1:9092 ");
    assertThat(storage.isPersistent()).isTrue();
    assertThat(storage.systemProperties())
        .containsEntry("apicurio.storage.kind", "kafkasql")
        .containsEntry("apicurio.kafkasql.bootstrap.servers", "127.0.0.1:9092")
        .containsEntry("apicurio.kafkasql.topic", "kafkasql-journal")
        .containsEntry("apicurio.kafkasql.consumer.poll.timeout", "500")
        .doesNotContainKey("apicurio.kafkasql.snapshots.topic");
    assertThat(RegistryStorage.kafkaSql("b:9092", "pulse-registry").systemProperties())
        .containsEntry("apicurio.kafkasql.topic", "pulse-registry")
        .containsEntry("apicurio.kafkasql.snapshots.topic", "pulse-registry-snapshots");
    assertThatThrownBy(() -> RegistryStorage.kafkaSql(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalStoragesAreEqual() {
    assertThat(RegistryStorage.kafkaSql("b:9092")).isEqualTo(RegistryStorage.kafkaSql("b:9092"))
        .isNotEqualTo(RegistryStorage.kafkaSql("c:9092"));
    assertThat(RegistryStorage.h2File(Path.of("/a"))).hasSameHashCodeAs(RegistryStorage.h2File(Path.of("/a")));
  }
}
