package io.campaignpulse.producers.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rejects file: one JSON object per rejected line, {@code {"file":..., "line":..., "reason":..., "raw":...}},
 * where {@code raw} is the line exactly as read (several lines joined with LF for a CSV record with quoted line
 * breaks), so a fixed line can be pasted back. JSON Lines because a raw line may hold anything, commas and quotes
 * included. By default the file sits beside its input as {@code <input>.rejects.jsonl}, is written only when a
 * line is rejected, and a stale one from an earlier run is removed first, so it always describes the last run.
 */
public final class Rejects implements Closeable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private BufferedWriter out;
  private long count;

  private Rejects(Path path) {
    this.path = path;
  }

  /** Where the rejects of {@code input} go by default: {@code <input>.rejects.jsonl} beside it. */
  public static Path defaultPath(Path input) {
    return input.resolveSibling(input.getFileName() + ".rejects.jsonl");
  }

  /** The rejects of one input, beside it; removes a rejects file left there by an earlier run. */
  public static Rejects besideInput(Path input) throws IOException {
    Path path = defaultPath(input);
    Files.deleteIfExists(path);
    return new Rejects(path);
  }

  /** The rejects of every input, in {@code file}, created (or emptied) at once. */
  public static Rejects to(Path file) throws IOException {
    Rejects rejects = new Rejects(file);
    rejects.open();
    return rejects;
  }

  /** Appends one rejected line. */
  public synchronized void write(String file, long line, String reason, String raw) throws IOException {
    if (out == null) {
      open();
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("file", file);
    entry.put("line", line);
    entry.put("reason", reason);
    entry.put("raw", raw);
    out.write(JSON.writeValueAsString(entry));
    out.write('\n');
    count++;
  }

  private void open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
  }

  public Path path() {
    return path;
  }

  /** Lines written so far. */
  public synchronized long count() {
    return count;
  }

  /** Whether the file exists because of this run. */
  public synchronized boolean isWritten() {
    return out != null;
  }

  public synchronized void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
