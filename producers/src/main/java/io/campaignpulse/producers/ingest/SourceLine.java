package io.campaignpulse.producers.ingest;

/**
 * One physical line of an input file.
 *
 * @param number  1-based line number in the file
 * @param text    the line without its terminator (LF or CRLF); best effort when {@code problem} is set
 * @param problem why the line cannot be used (not UTF-8, too long), or null
 */
public record SourceLine(long number, String text, String problem) {

  /** A line with nothing but whitespace, and nothing wrong: skipped by the readers. */
  public boolean isBlank() {
    return problem == null && text.isBlank();
  }
}
