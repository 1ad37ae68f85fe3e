package io.campaignpulse.producers.ingest;

/**
 * The file as a whole cannot be read as events, e.g. its CSV header lacks a column. Carries the offending line so
 * it can be written to the rejects file like any other bad line.
 */
public final class FileFormatException extends RuntimeException {

  private final long line;
  private final String raw;

  public FileFormatException(long line, String raw, String message) {
    super(message);
    this.line = line;
    this.raw = raw;
  }

  public long line() {
    return line;
  }

  public String raw() {
    return raw;
  }
}
