package io.campaignpulse.producers.ingest;

import io.campaignpulse.producers.sim.SimEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** The sample files of {@code src/test/resources/ingest/}, copied where a test may write beside them. */
final class Samples {

  static final String ORDERS_HEADER =
      "orderId,version,campaignId,category,status,purchaseAmountFen,subsidyAmountFen,merchantId,street,eventTime";

  private Samples() {
  }

  static Path copy(Path dir, String name) {
    Path target = dir.resolve(name);
    try (InputStream in = Samples.class.getResourceAsStream("/ingest/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      Files.copy(in, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  static Path write(Path dir, String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path gzip(Path dir, String name, String content) {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A sink that keeps what it is given and acknowledges all of it. */
  static class RecordingSink implements EventSink {
    final List<SimEvent> events = new ArrayList<>();

    @Override
    public void send(SimEvent event) {
      events.add(event);
    }

    @Override
    public void flush() {
    }

    @Override
    public long acknowledged() {
      return events.size();
    }

    @Override
    public void close() {
    }
  }
}
