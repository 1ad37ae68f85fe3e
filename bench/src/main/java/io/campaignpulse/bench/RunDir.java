package io.campaignpulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The working directory of one benchmark run (the pipeline's state, scripts): {@code kind-runId} under a given
 * directory, kept for a look afterwards, or a temporary directory deleted on {@link #close()}.
 */
final class RunDir implements AutoCloseable {

  private final Path path;
  private final boolean temporary;

  private RunDir(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /** Under {@code parent} when it is not null, else a fresh temporary directory. */
  static RunDir create(Path parent, String kind, String runId) {
    try {
      if (parent != null) {
        return new RunDir(Files.createDirectories(parent.resolve(kind + "-" + runId)), false);
      }
      return new RunDir(Files.createTempDirectory("campaign-pulse-" + kind + "-bench-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a working directory", e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    if (temporary) {
      BenchServices.deleteQuietly(path);
    }
  }
}
