package io.campaignpulse.producers.ingest;

import java.io.IOException;

/** Reads the rows of one file, one at a time, skipping blank lines. */
public interface EventRecordReader {

  /**
   * The next row, or null at the end of the file.
   *
   * @throws FileFormatException when the file as a whole cannot be read (a CSV header that does not fit)
   */
  SourceRecord next() throws IOException;
}
