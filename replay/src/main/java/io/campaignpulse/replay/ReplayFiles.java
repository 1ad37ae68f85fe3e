package io.campaignpulse.replay;

import io.campaignpulse.producers.ingest.EventSink;
import io.campaignpulse.producers.ingest.FileIngest;
import io.campaignpulse.producers.ingest.FileResult;
import io.campaignpulse.producers.ingest.IngestProgress;
import io.campaignpulse.producers.ingest.Rejects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A replay's input from historical files in the ingest formats (CSV or JSON Lines, plain or gzip; orders, fair
 * visits, fair sales): every valid line is sent to the replay's own input topics, keyed and timestamped as the
 * file ingest does it, and every bad line goes to the rejects file with its line number and reason, before the
 * replay reads them.
 *
 * @param lines rows read from the files
 * @param sent events sent to the replay's input topics
 * @param rejected lines rejected (in the rejects file)
 */
public record ReplayFiles(long lines, long sent, long rejected) {

  static final ReplayFiles NONE = new ReplayFiles(0, 0, 0);

  /** Ingests the files through {@code sink} (closed afterwards); a file that cannot be read ends the replay. */
  static ReplayFiles load(List<Path> files, EventSink sink, Path rejectsFile) {
    long lines = 0;
    long sent = 0;
    long rejected = 0;
    try {
      Path parent = rejectsFile.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
    } catch (IOException e) {
      sink.close();
      throw new ReplayException("cannot write the rejects to " + rejectsFile + ": " + e, e);
    }
    try (sink; Rejects rejects = Rejects.to(rejectsFile)) {
      FileIngest ingest = new FileIngest(null, null, sink, IngestProgress.none());
      for (Path file : files) {
        FileResult result = ingest.ingest(file, rejects);
        if (result.failure() != null || result.sendFailure() != null) {
          throw new ReplayException("cannot replay " + file + ": "
              + (result.failure() != null ? result.failure() : result.sendFailure()), null);
        }
        lines += result.read();
        sent += result.sent();
        rejected += result.rejected();
      }
      sink.flush();
    } catch (IOException | UncheckedIOException e) {
      throw new ReplayException("cannot write the rejects to " + rejectsFile + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ReplayException(e.getMessage(), e); // a format that cannot be told from the file name
    }
    return new ReplayFiles(lines, sent, rejected);
  }
}
