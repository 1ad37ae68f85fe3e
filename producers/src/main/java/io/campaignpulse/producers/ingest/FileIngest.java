package io.campaignpulse.producers.ingest;

import io.campaignpulse.producers.sim.SimEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Ingests one file: streams it row by row (never holding more than one row), maps each row to its event, hands
 * valid events to the sink in file order, and writes every bad row to the rejects with its line number and
 * reason. After the file, waits for the sink's acknowledgements, so the counts are what the broker took.
 *
 * <p>Re-ingesting a file is safe: the pipeline counts an order once per (orderId, version), a sale once per
 * saleId and a gate report once per (fairId, gateId, eventTime), so the same rows sent again change nothing.
 * That is also how a stopped run is finished: run it again.
 */
public final class FileIngest {

  /** How many rejects per file the result quotes for the console; the rejects file has all of them. */
  public static final int QUOTED_REJECTS = 10;

  private static final int PROGRESS_EVERY_ROWS = 256;

  private final EventKind kind;
  private final EventFileFormat format;
  private final EventSink sink;
  private final IngestProgress.Factory progress;
  private volatile boolean stopRequested;

  /**
   * @param kind     what every file holds, or null to tell from each CSV header or JSON line
   * @param format   how every file is written, or null to tell from each file name
   * @param sink     where valid events go
   * @param progress progress display per file
   */
  public FileIngest(EventKind kind, EventFileFormat format, EventSink sink, IngestProgress.Factory progress) {
    this.kind = kind;
    this.format = format;
    this.sink = sink;
    this.progress = progress;
  }

  /** Asks the running ingest to stop after the current row (from another thread, e.g. a shutdown hook). */
  public void requestStop() {
    stopRequested = true;
  }

  public boolean isStopRequested() {
    return stopRequested;
  }

  /**
   * Ingests {@code file}, writing its bad rows to {@code rejects}.
   *
   * @throws IllegalArgumentException when the format cannot be told from the file name
   * @throws UncheckedIOException when the rejects cannot be written
   */
  public FileResult ingest(Path file, Rejects rejects) {
    EventFileFormat fileFormat = EventFileFormat.of(file, format);
    String name = file.toString();
    Tally tally = new Tally(name, rejects);
    long acknowledgedBefore = sink.acknowledged();
    boolean gzip = false;
    String failure = null;
    String sendFailure = null;
    long lastLine = 0;
    boolean stopped = false;
    try (FileInput input = FileInput.open(file);
        IngestProgress bar = progress.start(name, input.size())) {
      gzip = input.isGzip();
      EventRecordReader reader = fileFormat.reader(new SourceLines(input.content()), kind);
      while (true) {
        if (stopRequested) {
          stopped = true;
          break;
        }
        SourceRecord record = reader.next();
        if (record == null) {
          break;
        }
        lastLine = record.line();
        tally.read++;
        if (record.problem() != null) {
          tally.reject(record.line(), record.problem(), record.raw());
        } else {
          SimEvent event;
          try {
            event = record.kind().parser().parse(record.row());
          } catch (RejectedLineException e) {
            tally.reject(record.line(), e.getMessage(), record.raw());
            continue;
          }
          try {
            sink.send(event);
          } catch (RuntimeException e) {
            sendFailure = "line " + record.line() + ": " + e.getMessage(); // registry or broker unavailable, ...
            break;
          }
          tally.valid.merge(record.kind(), 1L, Long::sum);
        }
        if (tally.read % PROGRESS_EVERY_ROWS == 0) {
          bar.update(input.bytesRead(), tally.read);
        }
      }
      bar.update(input.bytesRead(), tally.read);
    } catch (FileFormatException e) {
      tally.reject(e.line(), e.getMessage(), e.raw());
      failure = e.getMessage();
    } catch (IOException e) {
      failure = "cannot read " + name + (lastLine > 0 ? " after line " + lastLine : "") + ": " + e.getMessage();
    }
    try {
      sink.flush();
    } catch (RuntimeException e) {
      sendFailure = sendFailure != null ? sendFailure : e.getMessage();
    }
    try {
      rejects.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rejects file " + rejects.path(), e);
    }
    long sent = sink.acknowledged() - acknowledgedBefore;
    return new FileResult(name, fileFormat, gzip, tally.read, tally.valid, tally.rejected, sent, tally.quoted,
        tally.rejected > 0 ? rejects.path() : null, failure, sendFailure, stopped, lastLine);
  }

  /** Counts of one file. */
  private static final class Tally {
    private final String file;
    private final Rejects rejects;
    private final Map<EventKind, Long> valid = new EnumMap<>(EventKind.class);
    private final List<String> quoted = new ArrayList<>();
    private long read;
    private long rejected;

    Tally(String file, Rejects rejects) {
      this.file = file;
      this.rejects = rejects;
    }

    void reject(long line, String reason, String raw) {
      try {
        rejects.write(file, line, reason, raw);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the rejects file " + rejects.path(), e);
      }
      rejected++;
      if (quoted.size() < QUOTED_REJECTS) {
        quoted.add(file + ":" + line + ": " + reason);
      }
    }
  }
}
