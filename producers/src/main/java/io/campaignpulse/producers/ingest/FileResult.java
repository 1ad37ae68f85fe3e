package io.campaignpulse.producers.ingest;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the ingest of one file did.
 *
 * @param file         the file as named on the command line
 * @param format       how it was read
 * @param gzip         whether it was gzip
 * @param read         rows read (the CSV header and blank lines not counted)
 * @param valid        valid rows by kind: sent, or only validated in a dry run
 * @param rejected     lines written to the rejects file (a bad CSV header included)
 * @param sent         events of this file the broker acknowledged (0 in a dry run)
 * @param firstRejects the first rejects as {@code file:line: reason}, for the console
 * @param rejectsFile  where the rejects are, or null when there are none
 * @param failure      why the file could not be read to its end (bad header, unreadable gzip ...), or null
 * @param sendFailure  why events could not be sent, or null; the run cannot go on
 * @param stopped      whether a stop (Ctrl-C, SIGTERM) ended the file before its end
 * @param lastLine     the line of the last row read
 */
public record FileResult(String file, EventFileFormat format, boolean gzip, long read, Map<EventKind, Long> valid,
    long rejected, long sent, List<String> firstRejects, Path rejectsFile, String failure, String sendFailure,
    boolean stopped, long lastLine) {

  public FileResult {
    valid = Collections.unmodifiableMap(valid.isEmpty() ? new EnumMap<>(EventKind.class) : new EnumMap<>(valid));
    firstRejects = List.copyOf(firstRejects);
  }

  /** Valid rows of every kind. */
  public long validTotal() {
    return valid.values().stream().mapToLong(Long::longValue).sum();
  }

  public long valid(EventKind kind) {
    return valid.getOrDefault(kind, 0L);
  }

  /** Every row valid, read to the end and sent. */
  public boolean isClean() {
    return rejected == 0 && failure == null && sendFailure == null && !stopped;
  }

  /** Whether the files after this one must not be ingested: sending failed or a stop was requested. */
  public boolean endsTheRun() {
    return sendFailure != null || stopped;
  }
}
