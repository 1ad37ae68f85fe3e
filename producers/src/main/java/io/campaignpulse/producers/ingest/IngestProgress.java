package io.campaignpulse.producers.ingest;

/** Tells someone how far the ingest of one file has got. */
public interface IngestProgress extends AutoCloseable {

  /** Progress so far: bytes of the file read (compressed bytes for gzip) and rows read. */
  void update(long bytesRead, long rows);

  /** The file is done. */
  @Override
  void close();

  /** Starts the progress display of one file. */
  @FunctionalInterface
  interface Factory {
    IngestProgress start(String file, long sizeBytes);
  }

  /** No display. */
  static Factory none() {
    return (file, size) -> new IngestProgress() {
      @Override
      public void update(long bytesRead, long rows) {
      }

      @Override
      public void close() {
      }
    };
  }
}
