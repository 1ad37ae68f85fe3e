package io.campaignpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * Kafka's own {@code ConsumerPerformance} ({@code kafka-consumer-perf-test}) run in this JVM against a topic the
 * benchmark filled: how fast a plain consumer reads the same records the pipeline then reads, on the same broker
 * in the same minutes. Standard output is captured and the tool's summary line parsed; its {@code Exit} calls
 * become exceptions.
 */
public final class ConsumerPerfRun {

  static final String CLIENT_ID = "bench-kafka-consumer-perf";

  /** The tool's summary: records read, MB (2^20 bytes of key + value), and its rates. */
  public record Summary(long records, double mb, double recordsPerSec, long rebalanceMs, long fetchMs,
      double fetchRecordsPerSec, double fetchMbPerSec) {

    /**
     * Reads the last summary line, {@code start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg,
     * nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}. Fields are separated by a comma
     * and a space, so a decimal comma (the tool formats in the default locale) is still read.
     */
    public static Optional<Summary> parse(String output) {
      Summary found = null;
      for (String line : output.split("\\R")) {
        String[] f = line.strip().split(", ");
        if (f.length != 10 || !f[4].matches("\\d+") || !f[6].matches("-?\\d+") || !f[7].matches("-?\\d+")) {
          continue;
        }
        try {
          found = new Summary(Long.parseLong(f[4]), number(f[2]), number(f[5]), Long.parseLong(f[6]),
              Long.parseLong(f[7]), number(f[9]), number(f[8]));
        } catch (NumberFormatException notTheSummary) {
          // a header or progress line
        }
      }
      return Optional.ofNullable(found);
    }

    private static double number(String text) {
      return Double.parseDouble(text.replace(',', '.'));
    }
  }

  static List<String> arguments(String bootstrapServers, String topic, long count) {
    List<String> args = new ArrayList<>(List.of(
        "--bootstrap-server", bootstrapServers,
        "--topic", topic,
        "--num-records", Long.toString(count),
        "--group", "bench-consumer-perf-" + UUID.randomUUID().toString().substring(0, 8),
        "--timeout", "60000",
        "--reporting-interval", "600000",
        "--command-property", "client.id=" + CLIENT_ID));
    return args;
  }

  /** Reads {@code count} records of {@code topic} from the beginning. */
  public Summary run(String bootstrapServers, String topic, long count) {
    String[] args = arguments(bootstrapServers, topic, count).toArray(String[]::new);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    Exit.setExitProcedure((code, message) -> {
      throw new BenchException("ConsumerPerformance exited with " + code + (message == null ? "" : ": " + message));
    });
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      ConsumerPerformance.main(args);
    } catch (BenchException e) {
      throw e;
    } catch (Exception e) {
      throw new BenchException("ConsumerPerformance failed: " + e, e);
    } finally {
      System.setOut(original);
      Exit.resetExitProcedure();
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    Summary summary = Summary.parse(output).orElseThrow(() -> new BenchException(
        "ConsumerPerformance printed no summary line; its output:\n" + output));
    if (summary.records() != count) {
      throw new BenchException("ConsumerPerformance read " + summary.records() + " of " + count
          + " records; its output:\n" + output);
    }
    return summary;
  }
}
