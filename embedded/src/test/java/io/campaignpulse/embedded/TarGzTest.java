package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

  private static final String LONG_NAME = "dist/lib/main/" + "io.example.a-library-with-a-very-long-name-".repeat(3)
      + "1.0.jar";

  @TempDir
  Path tmp;

  @Test
  void extractsStructureSkippingPaxHeadersAndKeepingExecutableBits() throws IOException {
    Path archive = tmp.resolve("dist.tar.gz");
    try (TarArchiveOutputStream tar = open(archive)) {
      dir(tar, "./dist/");
      // what GNU/BSD tar show for pax headers when written by a tool that stores them as plain entries
      file(tar, "./PaxHeaders.4242/dist/quarkus-run.jar", "30 mtime=1700000000.123456789\n", 0644);
      file(tar, "dist/quarkus-run.jar", "run", 0644);
      file(tar, "dist/bin/start.sh", "#!/bin/sh\n", 0755);
      file(tar, LONG_NAME, "long", 0644); // > 100 chars: written with a real pax 'x' header
      file(tar, "dist/PaxHeaders/quarkus/generated.jar", "pax", 0644);
      file(tar, "dist/quarkus/generated-bytecode.jar", "gen", 0644);
    }

    Path target = tmp.resolve("out");
    TarGz.extract(archive, target);

    assertThat(target.resolve("dist/quarkus-run.jar")).hasContent("run");
    assertThat(target.resolve("dist/quarkus/generated-bytecode.jar")).hasContent("gen");
    assertThat(target.resolve(LONG_NAME)).hasContent("long");
    assertThat(target.resolve("dist/bin/start.sh")).isExecutable();
    assertThat(target.resolve("dist/quarkus-run.jar").toFile().canExecute()).isFalse();
    try (Stream<Path> all = Files.walk(target)) {
      assertThat(all.map(p -> target.relativize(p).toString())).noneMatch(p -> p.contains("PaxHeaders"));
    }
    assertThat(ApicurioDistribution.findRunJarDir(target)).contains(target.resolve("dist"));
  }

  @Test
  void extractsAnArchiveWithoutTopFolder() throws IOException {
    Path archive = tmp.resolve("flat.tar.gz");
    try (TarArchiveOutputStream tar = open(archive)) {
      file(tar, "quarkus-run.jar", "run", 0644);
      file(tar, "lib/boot/a.jar", "a", 0644);
    }
    Path target = tmp.resolve("flat");
    TarGz.extract(archive, target);
    assertThat(target.resolve("lib/boot/a.jar")).hasContent("a");
    assertThat(ApicurioDistribution.findRunJarDir(target)).contains(target);
  }

  @Test
  void refusesEntriesEscapingTheTarget() throws IOException {
    Path archive = tmp.resolve("evil.tar.gz");
    try (TarArchiveOutputStream tar = open(archive)) {
      file(tar, "../evil.txt", "x", 0644);
    }
    assertThatThrownBy(() -> TarGz.extract(archive, tmp.resolve("evil")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside");
    assertThat(tmp.resolve("evil.txt")).doesNotExist();

    Path linkArchive = tmp.resolve("evil-link.tar.gz");
    try (TarArchiveOutputStream tar = open(linkArchive)) {
      TarArchiveEntry link = new TarArchiveEntry("link", TarConstants.LF_SYMLINK);
      link.setLinkName("/etc/passwd");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    assertThatThrownBy(() -> TarGz.extract(linkArchive, tmp.resolve("evil-link")))
        .hasMessageContaining("outside");
  }

  @Test
  void recognisesPaxHeaderFolders() {
    assertThat(TarGz.isPaxHeaders("PaxHeaders.123/lib/a.jar")).isTrue();
    assertThat(TarGz.isPaxHeaders("top/PaxHeaders/a.jar")).isTrue();
    assertThat(TarGz.isPaxHeaders("top/PaxHeaders.9")).isTrue();
    assertThat(TarGz.isPaxHeaders("lib/NotPaxHeaders.jar")).isFalse();
    assertThat(TarGz.isPaxHeaders("lib/PaxHeadersX/a.jar")).isFalse();
  }

  static TarArchiveOutputStream open(Path archive) throws IOException {
    OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(archive));
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    return tar;
  }

  static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(name));
    tar.closeArchiveEntry();
  }

  static void file(TarArchiveOutputStream tar, String name, String content, int mode) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(bytes.length);
    entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
