package io.campaignpulse.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the final summary line of Kafka's {@code ProducerPerformance}, e.g. {@code 100000 records sent,
 * 85000.000000 records/sec (10.53 MB/sec), 2.10 ms avg latency, ..., 12 ms 99.9th.}. Its progress lines start the
 * same way ({@code ... records sent, 84000.1 records/sec (10.41 MB/sec), 2.1 ms avg latency, ... max latency.}) but
 * carry no percentiles, so the summary is the last line that names the 99.9th percentile. The tool formats numbers
 * in the default locale: a decimal comma is read too.
 */
public final class PerfSummary {

  private static final Pattern SUMMARY = Pattern.compile(
      "^\\s*(\\d+) records sent, ([0-9.,]+) records/sec \\(([0-9.,]+) MB/sec\\).*99\\.9th\\.?\\s*$");

  private PerfSummary() {
  }

  /** The throughput from the last summary line of the tool's output, if there is one. */
  public static Optional<Throughput> parse(String output) {
    Throughput found = null;
    for (String line : output.split("\\R")) {
      Matcher m = SUMMARY.matcher(line);
      if (m.matches()) {
        found = new Throughput(Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)));
      }
    }
    return Optional.ofNullable(found);
  }

  /** The summary line itself, for the log. */
  public static Optional<String> line(String output) {
    String found = null;
    for (String line : output.split("\\R")) {
      if (SUMMARY.matcher(line).matches()) {
        found = line.strip();
      }
    }
    return Optional.ofNullable(found);
  }

  private static double number(String text) {
    return Double.parseDouble(text.replace(',', '.'));
  }
}
