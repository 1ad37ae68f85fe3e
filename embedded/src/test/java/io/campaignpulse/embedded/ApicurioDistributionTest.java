package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioDistributionTest {

  @TempDir
  Path tmp;

  @Test
  void readsTheCoordinatesFilledInByTheBuild() {
    ApicurioDistribution d = ApicurioDistribution.configured();
    assertThat(d.version()).isEqualTo("3.3.3");
    assertThat(d.coordinates()).isEqualTo("io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all");
    assertThat(d.archiveIn(Path.of("/repo"))).isEqualTo(
        Path.of("/repo/io/apicurio/apicurio-registry-app/3.3.3/apicurio-registry-app-3.3.3-all.tar.gz"));
  }

  @Test
  void cacheRootComesFromTheEnvironmentOrTheHomeDirectory() {
    assertThat(ApicurioDistribution.cacheRoot(Map.of(ApicurioDistribution.HOME_ENV, "/data/cp"), "/home/u"))
        .isEqualTo(Path.of("/data/cp"));
    assertThat(ApicurioDistribution.cacheRoot(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/campaign-pulse"));
  }

  @Test
  void concurrentInstallsEndWithOneCompleteCopyAndNoLeftovers() throws Exception {
    Path archive = tmp.resolve("app.tar.gz");
    try (TarArchiveOutputStream tar = TarGzTest.open(archive)) {
      TarGzTest.file(tar, "quarkus-run.jar", "run", 0644);
      for (int i = 0; i < 200; i++) {
        TarGzTest.file(tar, "lib/main/lib-" + i + ".jar", "jar " + i, 0644);
      }
    }
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path dir = cache.resolve("app-1.0");

    int threads = 4;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          go.await();
          ApicurioDistribution.install(archive, dir);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(dir.resolve("quarkus-run.jar")).hasContent("run");
    assertThat(dir.resolve("lib/main/lib-199.jar")).hasContent("jar 199");
    try (Stream<Path> children = Files.list(cache)) {
      assertThat(children).containsExactly(dir);
    }
    try (Stream<Path> libs = Files.list(dir.resolve("lib/main"))) {
      assertThat(libs).hasSize(200);
    }
  }

  @Test
  void installKeepsAnExistingCopy() throws IOException {
    Path archive = tmp.resolve("app.tar.gz");
    try (TarArchiveOutputStream tar = TarGzTest.open(archive)) {
      TarGzTest.file(tar, "quarkus-run.jar", "new", 0644);
    }
    Path dir = Files.createDirectories(tmp.resolve("cache/app-1.0"));
    Files.writeString(dir.resolve("quarkus-run.jar"), "old");
    ApicurioDistribution.install(archive, dir);
    assertThat(dir.resolve("quarkus-run.jar")).hasContent("old");
  }
}
