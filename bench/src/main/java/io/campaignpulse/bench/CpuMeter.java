package io.campaignpulse.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * CPU time spent by this JVM (the producer side: sending thread, network thread, GC, JIT) and by the broker process
 * during a run, per record. Wall-clock throughput on a shared machine moves with everybody else's load; CPU time per
 * record moves much less, and tells which process the records cost, so it shows what limits the throughput.
 */
public final class CpuMeter {

  private final ProcessHandle self = ProcessHandle.current();
  private final ProcessHandle broker;

  /** A meter for this JVM and, when {@code brokerPid} is not -1, the broker process. */
  public CpuMeter(long brokerPid) {
    this.broker = brokerPid < 0 ? null : ProcessHandle.of(brokerPid).orElse(null);
  }

  /** The CPU times now. */
  public Snapshot snapshot() {
    return new Snapshot(cpuNanos(self), broker == null ? -1 : cpuNanos(broker));
  }

  /** A process's CPU time in nanoseconds, -1 when unknown. */
  static long cpuNanos(ProcessHandle process) {
    Optional<Duration> cpu = process.info().totalCpuDuration();
    return cpu.map(Duration::toNanos).orElse(-1L);
  }

  /** CPU nanoseconds of both processes at one moment (-1 when unknown). */
  public record Snapshot(long clientNanos, long brokerNanos) {

    /** Microseconds of CPU per record since {@code start}, for {@code records} records. */
    public CpuPerRecord since(Snapshot start, long records) {
      return new CpuPerRecord(perRecord(clientNanos, start.clientNanos, records),
          perRecord(brokerNanos, start.brokerNanos, records));
    }

    private static double perRecord(long end, long begin, long records) {
      return end < 0 || begin < 0 ? Double.NaN : (end - begin) / 1000.0 / records;
    }
  }

  /** CPU microseconds per record in this JVM and in the broker (NaN when unknown). */
  public record CpuPerRecord(double clientMicros, double brokerMicros) {

    public static final CpuPerRecord NONE = new CpuPerRecord(Double.NaN, Double.NaN);
  }
}
