package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

  @Test
  void aQuickFileShowsNoBar() {
    // Given a bar that would appear after a minute
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleProgress progress = (ConsoleProgress) ConsoleProgress.factory(false,
        new PrintStream(out, true, StandardCharsets.UTF_8), Duration.ofMinutes(1)).start("in/orders.csv", 1_000);

    // When the file is read at once
    progress.update(1_000, 10);
    progress.close();

    // Then nothing was printed
    assertThat(progress.isShown()).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aSlowFileShowsItsNameProgressRateAndRowsAsLogLinesWhenNotOnATerminal() {
    // Given a bar that appears at once, not on a terminal
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleProgress progress = (ConsoleProgress) ConsoleProgress.factory(false,
        new PrintStream(out, true, StandardCharsets.UTF_8), Duration.ZERO).start("in/orders.csv", 4L << 20);

    // When half the file is read, then all of it
    progress.update(2L << 20, 50_000);
    progress.close();

    // Then plain lines name the file and show MiB, speed and rows
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(progress.isShown()).isTrue();
    assertThat(text).contains("orders.csv", "MiB", "/s", "50,000 rows").doesNotContain("\r");
  }
}
