package io.campaignpulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * wrk (Debian's package), an independent closed-loop load generator in C, run as a child process against the
 * same endpoint with the same number of connections: a check on {@link HttpLoad}'s figures. A Lua script draws
 * each request's path at random from the same list and, when wrk is done, prints its figures in microseconds on
 * one line ({@code QBENCH ...}), which {@link #parse} reads. wrk counts non-2xx/3xx responses and socket errors
 * but does not read bodies.
 */
final class WrkRun {

  static final String COMMAND = "wrk";
  private static final Pattern FIGURES = Pattern.compile("^QBENCH((?: \\w+=\\d+)+)\\s*$", Pattern.MULTILINE);

  private final String version;

  private WrkRun(String version) {
    this.version = version;
  }

  /** wrk when it is installed, else why it is not usable. */
  static Availability find() {
    try {
      Process p = new ProcessBuilder(COMMAND, "-v").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      Matcher m = Pattern.compile("^wrk (\\S+)", Pattern.MULTILINE).matcher(out);
      return m.find() ? new Availability(new WrkRun("wrk " + m.group(1)), null)
          : new Availability(null, "'wrk -v' did not print a version: " + out.strip());
    } catch (IOException e) {
      return new Availability(null, "wrk is not installed (Debian: apt-get install wrk): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  /** wrk, or the reason it is skipped. */
  record Availability(WrkRun wrk, String skipReason) {
  }

  String version() {
    return version;
  }

  /**
   * Runs wrk for {@code seconds} with {@code connections} connections on {@code threads} threads against
   * {@code baseUrl} (no trailing slash), each request to one of {@code paths}; {@code dir} takes the script.
   */
  LoadResult run(String baseUrl, List<String> paths, String target, int connections, int threads, int seconds,
      Path dir) {
    Path script = dir.resolve("qbench-" + System.nanoTime() + ".lua");
    try {
      Files.writeString(script, script(paths), StandardCharsets.UTF_8);
      List<String> command = List.of(COMMAND, "-t", Integer.toString(threads), "-c", Integer.toString(connections),
          "-d", seconds + "s", "--timeout", "10s", "-s", script.toString(), baseUrl + paths.get(0));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out;
      try {
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
          throw new BenchException("wrk did not end " + (seconds + 60) + " s after it started");
        }
      } finally {
        p.destroy();
      }
      if (p.exitValue() != 0) {
        throw new BenchException("wrk exited with " + p.exitValue() + ": " + out.strip());
      }
      return parse(out, version + ", " + threads + " threads", target, connections);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run wrk", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while wrk ran", e);
    } finally {
      try {
        Files.deleteIfExists(script);
      } catch (IOException ignored) {
        // a leftover script in the work directory is harmless
      }
    }
  }

  /** The Lua script: a random path per request, and the figures on one line at the end. */
  static String script(List<String> paths) {
    String list = paths.stream().map(p -> "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", "));
    return "local paths = {" + list + "}\n"
        + "request = function()\n"
        + "  return wrk.format(\"GET\", paths[math.random(#paths)])\n"
        + "end\n"
        + "done = function(summary, latency, requests)\n"
        + "  local e = summary.errors\n"
        + "  io.write(string.format(\"QBENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d "
        + "p999_us=%d max_us=%d status=%d connect=%d read=%d write=%d timeout=%d\\n\",\n"
        + "    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),\n"
        + "    latency:percentile(99), latency:percentile(99.9), latency.max, e.status, e.connect, e.read,\n"
        + "    e.write, e.timeout))\n"
        + "end\n";
  }

  /** The figures of wrk's output (the script's {@code QBENCH} line). */
  static LoadResult parse(String output, String generator, String target, int connections) {
    Matcher m = FIGURES.matcher(output);
    if (!m.find()) {
      throw new BenchException("wrk printed no figures; its output:\n" + output.strip());
    }
    Map<String, Long> f = new TreeMap<>();
    for (String pair : m.group(1).trim().split(" ")) {
      String[] kv = pair.split("=", 2);
      f.put(kv[0], Long.parseLong(kv[1]));
    }
    long socketErrors = get(f, "connect") + get(f, "read") + get(f, "write") + get(f, "timeout");
    List<String> errors = new ArrayList<>();
    if (get(f, "status") > 0) {
      errors.add(get(f, "status") + " responses not 2xx/3xx");
    }
    if (socketErrors > 0) {
      errors.add(String.format("socket errors: connect %d, read %d, write %d, timeout %d", get(f, "connect"),
          get(f, "read"), get(f, "write"), get(f, "timeout")));
    }
    long requests = get(f, "requests");
    return new LoadResult(generator, target, connections, get(f, "duration_us") / 1e6, requests,
        get(f, "p50_us") / 1000.0, get(f, "p90_us") / 1000.0, get(f, "p99_us") / 1000.0,
        get(f, "p999_us") / 1000.0, get(f, "max_us") / 1000.0, get(f, "status"), LoadResult.NOT_CHECKED,
        socketErrors, errors.isEmpty() ? null : String.join("; ", errors), Double.NaN);
  }

  private static long get(Map<String, Long> figures, String name) {
    return Optional.ofNullable(figures.get(name)).orElseThrow(() -> new BenchException(
        "wrk's figures lack " + name + ": " + figures));
  }
}
