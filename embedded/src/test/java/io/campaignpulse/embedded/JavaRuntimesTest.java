package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

  @TempDir
  Path tmp;

  @Test
  void parsesFeatureVersions() {
    assertThat(JavaRuntimes.featureVersion("1.8.0_392")).hasValue(8);
    assertThat(JavaRuntimes.featureVersion("17.0.15")).hasValue(17);
    assertThat(JavaRuntimes.featureVersion("21")).hasValue(21);
    assertThat(JavaRuntimes.featureVersion("25-ea")).hasValue(25);
    assertThat(JavaRuntimes.featureVersion("21.0.5+11-LTS")).hasValue(21);
    assertThat(JavaRuntimes.featureVersion("unknown")).isEmpty();
  }

  @Test
  void readsReleaseFiles() throws IOException {
    assertThat(JavaRuntimes.releaseFeatureVersion(jdk("temurin-25", "25.0.3"))).hasValue(25);
    assertThat(JavaRuntimes.releaseFeatureVersion(jdk("java-8", "1.8.0_412"))).hasValue(8);
    Path noRelease = Files.createDirectories(tmp.resolve("no-release"));
    assertThat(JavaRuntimes.releaseFeatureVersion(noRelease)).isEmpty();
    Path garbage = Files.createDirectories(tmp.resolve("garbage"));
    Files.writeString(garbage.resolve("release"), "IMPLEMENTOR=\"x\"\n");
    assertThat(JavaRuntimes.releaseFeatureVersion(garbage)).isEmpty();
  }

  @Test
  void prefersTheEnvironmentVariable() throws IOException {
    Path configured = jdk("custom", "22.0.1");
    Path found = JavaRuntimes.findJavaHome(21, Map.of(JavaRuntimes.REGISTRY_JAVA_HOME_ENV, configured.toString()),
        Path.of("/current"), 25, tmp);
    assertThat(found).isEqualTo(configured);
  }

  @Test
  void rejectsAnEnvironmentVariablePointingAtAnOldOrMissingJava() throws IOException {
    Path old = jdk("old", "17.0.2");
    assertThatThrownBy(() -> JavaRuntimes.findJavaHome(21,
        Map.of(JavaRuntimes.REGISTRY_JAVA_HOME_ENV, old.toString()), Path.of("/current"), 25, tmp))
        .hasMessageContaining("is Java 17");
    assertThatThrownBy(() -> JavaRuntimes.findJavaHome(21,
        Map.of(JavaRuntimes.REGISTRY_JAVA_HOME_ENV, tmp.resolve("nowhere").toString()),
        Path.of("/current"), 25, tmp))
        .hasMessageContaining("has no executable");
  }

  @Test
  void usesTheCurrentJvmWhenNewEnough() {
    assertThat(JavaRuntimes.findJavaHome(21, Map.of(), Path.of("/current"), 21, tmp))
        .isEqualTo(Path.of("/current"));
  }

  @Test
  void otherwiseScansForTheNewestSuitableJdk() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("jvm"));
    jdk(root, "java-17", "17.0.15");
    Path jdk21 = jdk(root, "java-21", "21.0.5");
    Path jdk25 = jdk(root, "temurin-25", "25.0.3");
    Files.createDirectories(root.resolve("empty-dir"));
    assertThat(JavaRuntimes.findJavaHome(21, Map.of(), Path.of("/current"), 17, root)).isEqualTo(jdk25);
    assertThat(JavaRuntimes.findJavaHome(21, Map.of(), Path.of("/current"), 17, root)).isNotEqualTo(jdk21);
  }

  @Test
  void failsWithAOneLineHintWhenNothingFits() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("jvm"));
    jdk(root, "java-17", "17.0.15");
    assertThatThrownBy(() -> JavaRuntimes.findJavaHome(21, Map.of(), Path.of("/current"), 17, root))
        .isInstanceOf(EmbeddedServiceException.class)
        .hasMessageContaining("Java 21+ is needed")
        .hasMessageContaining(JavaRuntimes.REGISTRY_JAVA_HOME_ENV)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void findsAJava21OnThisMachine() {
    // The registry integration test depends on it; this makes a missing JDK obvious.
    Path home = JavaRuntimes.findJavaHome(21);
    assertThat(JavaRuntimes.javaExecutable(home)).isExecutable();
  }

  private Path jdk(String name, String version) throws IOException {
    return jdk(tmp, name, version);
  }

  private static Path jdk(Path root, String name, String version) throws IOException {
    Path home = Files.createDirectories(root.resolve(name));
    Files.writeString(home.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    Path java = JavaRuntimes.javaExecutable(home);
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\n");
    java.toFile().setExecutable(true);
    return home;
  }
}
