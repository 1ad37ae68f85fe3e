package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PerfSummaryTest {

  /** The tool's own summary format (ProducerPerformance.Stats.printTotal). */
  private static String summary(Locale locale, long count, double recsPerSec, double mbPerSec) {
    return String.format(locale, "%d%s records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max "
        + "latency, %d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.%n", count, "", recsPerSec, mbPerSec, 12.5,
        210.0, 9, 40, 80, 150);
  }

  /** The tool's progress format (ProducerPerformance.Stats.printWindow). */
  private static String window(long count, double recsPerSec, double mbPerSec) {
    return String.format(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms "
        + "max latency.%n", count, recsPerSec, mbPerSec, 3.0, 40.0);
  }

  @Test
  void readsTheSummaryAndSkipsProgressLines() {
    String output = "Option --producer-props has been deprecated\n" + window(400_000, 80_000.0, 7.44)
        + summary(Locale.ROOT, 500_000, 85_123.456789, 7.92);

    Throughput t = PerfSummary.parse(output).orElseThrow();

    assertThat(t.records()).isEqualTo(500_000);
    assertThat(t.recordsPerSec()).isCloseTo(85_123.456789, within(1e-6));
    assertThat(t.mbPerSec()).isCloseTo(7.92, within(1e-9));
    assertThat(PerfSummary.line(output)).hasValueSatisfying(l -> assertThat(l).startsWith("500000 records sent"));
  }

  @Test
  void readsADecimalComma() {
    Throughput t = PerfSummary.parse(summary(Locale.GERMANY, 1000, 1234.5, 0.12)).orElseThrow();

    assertThat(t.recordsPerSec()).isCloseTo(1234.5, within(1e-9));
    assertThat(t.mbPerSec()).isCloseTo(0.12, within(1e-9));
  }

  @Test
  void noSummaryIsEmpty() {
    assertThat(PerfSummary.parse(window(10, 5.0, 0.01) + "java.lang.Exception: boom\n")).isEmpty();
    assertThat(PerfSummary.parse("")).isEmpty();
  }
}
