package io.campaignpulse.app;

import io.campaignpulse.embedded.LocalSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Apicurio Registry for the integration tests of this JVM, started on first use and stopped (its directory
 * deleted) when the JVM exits. A registry holds nothing a test depends on (the contract's schemas register under
 * the same ids every time), so sharing it saves a registry start per test class. Tests that stop or restart a
 * registry start their own.
 */
final class SharedRegistry {

  private static LocalSchemaRegistry registry;

  private SharedRegistry() {
  }

  static synchronized LocalSchemaRegistry get() {
    if (registry == null || !registry.isRunning()) {
      Path dir;
      try {
        dir = Files.createTempDirectory("campaign-pulse-shared-registry");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      LocalSchemaRegistry started = LocalSchemaRegistry.start(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        started.close();
        delete(dir);
      }, "shared-registry-stop"));
      registry = started;
    }
    return registry;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
