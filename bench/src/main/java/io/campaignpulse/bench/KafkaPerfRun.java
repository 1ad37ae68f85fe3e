package io.campaignpulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Side B, the reference: Kafka's own {@code ProducerPerformance} ({@code kafka-producer-perf-test}) run in this
 * JVM, so it shares the JIT, heap and machine state with side A, with the same producer settings and a record
 * size equal to side A's average serialized record. Its standard output is captured for the run and its summary
 * line parsed ({@link PerfSummary}); the tool's {@code Exit} calls are turned into exceptions so a bad argument
 * cannot end the benchmark's JVM. Its producer's batch figures are sampled over JMX while it runs.
 *
 * <p>What the tool sends differs from side A in two ways the report states: null keys (so the sticky partitioner
 * fills one partition's batch at a time), and values of random uppercase letters, which lz4 barely compresses.
 */
public final class KafkaPerfRun {

  /** The tool's producer's client id, to find its metrics. */
  static final String CLIENT_ID = "bench-kafka-perf";
  private static final long SAMPLE_MS = 200;

  /** The tool's arguments for one run. */
  static List<String> arguments(String topic, long count, int recordSize, ProducerSettings settings) {
    List<String> args = new ArrayList<>(List.of(
        "--topic", topic,
        "--num-records", Long.toString(count),
        "--record-size", Integer.toString(recordSize),
        "--throughput", "-1",
        "--reporting-interval", "600000",
        "--command-property"));
    args.addAll(settings.asArguments());
    args.add("client.id=" + CLIENT_ID);
    return args;
  }

  /** Runs the tool once and returns the throughput of its summary line, with the line itself. */
  public Result run(String topic, long count, int recordSize, ProducerSettings settings) {
    String[] args = arguments(topic, count, recordSize, settings).toArray(String[]::new);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    Exit.setExitProcedure((code, message) -> {
      throw new BenchException("ProducerPerformance exited with " + code + (message == null ? "" : ": " + message));
    });
    StatsSampler sampler = new StatsSampler();
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      sampler.start();
      ProducerPerformance.main(args);
    } catch (BenchException e) {
      throw e;
    } catch (Exception e) {
      throw new BenchException("ProducerPerformance failed: " + e, e);
    } finally {
      sampler.interrupt();
      System.setOut(original);
      Exit.resetExitProcedure();
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    Throughput throughput = PerfSummary.parse(output).orElseThrow(() -> new BenchException(
        "ProducerPerformance printed no summary line; its output:\n" + output));
    if (throughput.records() != count) {
      throw new BenchException("ProducerPerformance had " + throughput.records() + " of " + count
          + " records acknowledged; its output:\n" + output);
    }
    return new Result(throughput, sampler.last.get(), PerfSummary.line(output).orElse(""));
  }

  /** A run's throughput, its producer's last sampled figures and the tool's own summary line. */
  public record Result(Throughput throughput, ProducerStats stats, String summaryLine) {
  }

  /** Keeps the last figures the tool's producer showed over JMX before it closed. */
  private static final class StatsSampler extends Thread {
    final AtomicReference<ProducerStats> last = new AtomicReference<>(ProducerStats.NONE);

    StatsSampler() {
      super("bench-kafka-perf-stats");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        ProducerStats now = ProducerStats.fromJmx(CLIENT_ID);
        if (now.known()) {
          last.set(now);
        }
        try {
          Thread.sleep(SAMPLE_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
