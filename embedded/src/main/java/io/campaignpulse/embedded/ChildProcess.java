package io.campaignpulse.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process this code started (a broker or registry JVM), with its output in a log file.
 *
 * <p>Why a wrapper around {@link Process}: the services must not outlive the JVM that started them. Every child is
 * registered with one JVM shutdown hook that stops the children still running when the parent exits (normally or
 * on SIGTERM/Ctrl-C), so a crashed test run leaves no orphan brokers. Stopping always goes through the handles this
 * class created — the process and the descendants it had — never through a search by name.
 */
public final class ChildProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);
  private static final Duration FORCE_WAIT = Duration.ofSeconds(10);
  private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Thread reaper = new Thread(ChildProcess::stopAllAtExit, "campaign-pulse-child-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} in {@code workingDir}; stdout and stderr are appended to {@code logFile}.
   *
   * @param name short label used in messages ("kafka-broker", "schema-registry")
   * @param environment extra environment variables (may be empty)
   */
  public static ChildProcess start(String name, List<String> command, Path workingDir, Path logFile,
                   Map<String, String> environment) {
    try {
      Files.createDirectories(workingDir);
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workingDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      ChildProcess child = new ChildProcess(name, process, logFile);
      RUNNING.add(child);
      process.onExit().thenRun(() -> RUNNING.remove(child));
      LOG.debug("started {} (pid {}): {}", name, process.pid(), command);
      return child;
    } catch (IOException e) {
      throw new EmbeddedServiceException("could not start " + name + " (" + command.get(0) + "): "
          + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** The exit code, or -1 while the process still runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Waits up to {@code timeout} for the process to end; true if it has ended. */
  public boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /**
   * Asks the process and its descendants to stop (SIGTERM), waits up to {@code grace}, then kills what is left
   * (SIGKILL) and waits for that too.
   */
  public void stop(Duration grace) {
    List<ProcessHandle> all = family();
    all.forEach(ProcessHandle::destroy);
    if (!awaitExit(all, grace)) {
      LOG.warn("{} (pid {}) did not stop within {} s; killing it", name, pid(), grace.toSeconds());
      kill();
    }
  }

  /** Kills the process and its descendants at once (SIGKILL) and waits until they are gone. */
  public void kill() {
    List<ProcessHandle> all = family();
    all.forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(all, FORCE_WAIT)) {
      throw new EmbeddedServiceException(name + " (pid " + pid() + ") survived SIGKILL for "
          + FORCE_WAIT.toSeconds() + " s");
    }
  }

  /** Stops the process with a 15 s grace period (see {@link #stop(Duration)}). */
  @Override
  public void close() {
    stop(DEFAULT_GRACE);
  }

  /** The last {@code maxLines} lines of the log file, for error messages. */
  public String logTail(int maxLines) {
    return tail(logFile, maxLines);
  }

  /** The last {@code maxLines} lines of any text file ("" if it does not exist), reading at most 64 KiB. */
  public static String tail(Path file, int maxLines) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, 64 * 1024);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      int from = Math.max(0, lines.length - maxLines);
      return String.join(System.lineSeparator(), Arrays.copyOfRange(lines, from, lines.length));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return name + "(pid " + pid() + (isAlive() ? "" : ", exited " + exitCode()) + ")";
  }

  /** The process and its current descendants; taken before signalling, since orphans get re-parented. */
  private List<ProcessHandle> family() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    process.descendants().forEach(all::add);
    return all;
  }

  private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle handle : handles) {
      long left = deadline - System.nanoTime();
      try {
        handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        return !handle.isAlive();
      }
    }
    return true;
  }

  private static void stopAllAtExit() {
    List<ChildProcess> children = new ArrayList<>(RUNNING);
    List<ProcessHandle> all = new ArrayList<>();
    for (ChildProcess child : children) {
      all.addAll(child.family());
    }
    all.forEach(ProcessHandle::destroy);
    if (!awaitExit(all, Duration.ofSeconds(10))) {
      all.forEach(ProcessHandle::destroyForcibly);
      awaitExit(all, Duration.ofSeconds(5));
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
