package io.campaignpulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link LoadMain} in a child JVM (this JVM's java and class path, a small fixed heap) and reads its result:
 * the generator's threads, GC and JIT compete with the app for the machine's cores, as wrk's do, but not inside
 * the app's JVM. The child's CPU time over the measured window is sampled from here, like the broker's.
 */
final class ChildLoad {

  private static final Pattern RESULT = Pattern.compile("^" + LoadMain.RESULT + "((?: \\w+=[-0-9.NaInf]+)+)\\s*$",
      Pattern.MULTILINE);

  private final Process process;
  private final BufferedReader out;
  private final long windowStartNanos;
  private final long windowEndNanos;
  private final String generator;

  private ChildLoad(Process process, BufferedReader out, long windowStartNanos, long windowEndNanos,
      String generator) {
    this.process = process;
    this.out = out;
    this.windowStartNanos = windowStartNanos;
    this.windowEndNanos = windowEndNanos;
    this.generator = generator;
  }

  /** Starts the child and waits until its clients are connected; the window starts 100 ms plus the warm-up later. */
  static ChildLoad start(String host, int port, int connections, Duration warmup, Duration measured, long seed,
      String check, List<String> paths) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xms256m", "-Xmx256m", "-cp", System.getProperty("java.class.path"), LoadMain.class.getName(), host,
        Integer.toString(port), Integer.toString(connections), Long.toString(warmup.toMillis()),
        Long.toString(measured.toMillis()), Long.toString(seed), check));
    command.addAll(paths);
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals(LoadMain.STARTED)) {
        // nothing else comes before it
      }
      long startAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100); // as the child's HttpLoad.start
      if (line == null) {
        process.waitFor(10, TimeUnit.SECONDS);
        throw new BenchException("the load generator ended before it started (exit " + process.exitValue() + ")");
      }
      return new ChildLoad(process, out, startAt + warmup.toNanos(), startAt + warmup.toNanos() + measured.toNanos(),
          "Java, own JVM, " + connections + " socket clients");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the load generator", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  long windowStartNanos() {
    return windowStartNanos;
  }

  long windowEndNanos() {
    return windowEndNanos;
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the child's result; {@code cpuSeconds} is its CPU time in the window, measured from here. */
  LoadResult await(String target, int connections, double cpuSeconds) {
    try {
      StringBuilder output = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        output.append(line).append('\n');
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new BenchException("the load generator did not end 60 s after its window");
      }
      return parse(output.toString(), generator, target, connections, cpuSeconds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the load generator's result", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    } finally {
      process.destroy();
    }
  }

  /** The result of {@link LoadMain}'s output. */
  static LoadResult parse(String output, String generator, String target, int connections, double cpuSeconds) {
    Matcher m = RESULT.matcher(output);
    if (!m.find()) {
      throw new BenchException("the load generator printed no result; its output:\n" + output.strip());
    }
    Map<String, String> f = new TreeMap<>();
    for (String pair : m.group(1).trim().split(" ")) {
      String[] kv = pair.split("=", 2);
      f.put(kv[0], kv[1]);
    }
    String firstError = output.lines().filter(l -> l.startsWith(LoadMain.FIRST_ERROR))
        .map(l -> l.substring(LoadMain.FIRST_ERROR.length())).findFirst().orElse(null);
    return new LoadResult(generator, target, connections, number(f, "seconds"), (long) number(f, "requests"),
        number(f, "p50_ms"), number(f, "p90_ms"), number(f, "p99_ms"), number(f, "p999_ms"), number(f, "max_ms"),
        (long) number(f, "non200"), (long) number(f, "bad"), (long) number(f, "io"), firstError, cpuSeconds);
  }

  private static double number(Map<String, String> figures, String name) {
    return Double.parseDouble(Optional.ofNullable(figures.get(name)).orElseThrow(() -> new BenchException(
        "the load generator's result lacks " + name + ": " + figures)));
  }
}
