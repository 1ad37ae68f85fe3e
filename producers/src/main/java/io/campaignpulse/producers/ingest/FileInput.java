package io.campaignpulse.producers.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * An input file opened for streaming: gzip is recognised by its magic bytes ({@code 1f 8b}), whatever the name,
 * and a {@code .gz} name that is not gzip is an error rather than garbage lines. Counts the bytes read from disk
 * (compressed bytes for gzip), which measures progress against the file's size.
 */
public final class FileInput implements Closeable {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final Counting raw;
  private final InputStream content;
  private final long size;
  private final boolean gzip;

  private FileInput(Counting raw, InputStream content, long size, boolean gzip) {
    this.raw = raw;
    this.content = content;
    this.size = size;
    this.gzip = gzip;
  }

  public static FileInput open(Path file) throws IOException {
    long size = Files.size(file);
    Counting raw = new Counting(Files.newInputStream(file));
    try {
      BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
      buffered.mark(2);
      boolean gzip = buffered.read() == GZIP_MAGIC_1 && buffered.read() == GZIP_MAGIC_2;
      buffered.reset();
      if (!gzip && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
        throw new IOException(file + " is named .gz but is not gzip (it does not start with bytes 1f 8b)");
      }
      InputStream content = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      return new FileInput(raw, content, size, gzip);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** The decompressed bytes. */
  public InputStream content() {
    return content;
  }

  /** Bytes read from the file so far (ahead of what was parsed by at most a buffer). */
  public long bytesRead() {
    return raw.count;
  }

  /** The file's size on disk. */
  public long size() {
    return size;
  }

  public boolean isGzip() {
    return gzip;
  }

  @Override
  public void close() throws IOException {
    content.close();
  }

  /** Counts the bytes that pass. */
  private static final class Counting extends FilterInputStream {
    private volatile long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
