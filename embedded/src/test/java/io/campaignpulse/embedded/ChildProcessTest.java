package io.campaignpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

  @TempDir
  Path tmp;

  @Test
  void stopEndsTheChildAndItsDescendants() throws Exception {
    // the background sleep is a grandchild that would otherwise outlive the shell
    ChildProcess child = ChildProcess.start("shell", List.of("sh", "-c", "echo started; sleep 60 & sleep 60"),
        tmp, tmp.resolve("shell.log"), Map.of());
    ProcessHandle grandchild = awaitDescendant(child);
    child.stop(Duration.ofSeconds(5));
    assertThat(child.isAlive()).isFalse();
    assertThat(grandchild.isAlive()).isFalse();
    assertThat(child.logTail(5)).isEqualTo("started");
  }

  @Test
  void killIsImmediate() throws Exception {
    // ignores SIGTERM, so only SIGKILL ends it
    ChildProcess child = ChildProcess.start("trap", List.of("sh", "-c", "trap '' TERM; sleep 60 & wait"),
        tmp, tmp.resolve("trap.log"), Map.of());
    ProcessHandle grandchild = awaitDescendant(child);
    child.kill();
    assertThat(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(grandchild.isAlive()).isFalse();
  }

  @Test
  void tailReturnsTheLastLines() throws IOException {
    Path log = Files.writeString(tmp.resolve("x.log"), "a\nb\nc\nd\n");
    assertThat(ChildProcess.tail(log, 2)).isEqualTo("c" + System.lineSeparator() + "d");
    assertThat(ChildProcess.tail(tmp.resolve("missing.log"), 2)).isEmpty();
  }

  @Test
  void childClassPathIncludesAnApplicationClassLoader() throws Exception {
    Path jar = Files.createFile(tmp.resolve("app-lib.jar"));
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader app = new URLClassLoader(new URL[] {jar.toUri().toURL()}, original)) {
      thread.setContextClassLoader(app);
      assertThat(LocalKafkaBroker.childClassPath())
          .contains(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0])
          .endsWith(jar.toString());
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  @Test
  void childClassPathIsAbsoluteSinceTheChildRunsElsewhere() {
    // Given a JVM started as `java -jar app/target/campaign-pulse.jar`: a relative class path
    String original = System.getProperty("java.class.path");
    try {
      System.setProperty("java.class.path", "app/target/campaign-pulse.jar");

      // Then the child gets the absolute path of that jar
      assertThat(LocalKafkaBroker.childClassPath().split(java.io.File.pathSeparator)[0])
          .isEqualTo(Path.of("app/target/campaign-pulse.jar").toAbsolutePath().toString());
    } finally {
      System.setProperty("java.class.path", original);
    }
  }

  private static ProcessHandle awaitDescendant(ChildProcess child) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var found = ProcessHandle.of(child.pid()).flatMap(h -> h.descendants().findFirst());
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no descendant of " + child);
  }
}
