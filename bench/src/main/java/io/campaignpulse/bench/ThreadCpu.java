package io.campaignpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM's live threads whose name matches a pattern, Kafka Streams' stream threads say
 * ({@link #STREAM_THREADS}: not their consumers' network threads, whose names contain the same words): which share
 * of the JVM's CPU the stream threads took. Only live threads count, so read it before they stop.
 */
final class ThreadCpu {

  /** CPU seconds and number of the matching threads. */
  record Usage(int threads, double seconds) {
  }

  /** Kafka Streams names its stream threads {@code <client id>-StreamThread-<n>}. */
  static final Pattern STREAM_THREADS = Pattern.compile(".*-StreamThread-\\d+");

  private ThreadCpu() {
  }

  static Usage of(Pattern names) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (!mx.isThreadCpuTimeSupported()) {
      return new Usage(0, Double.NaN);
    }
    int count = 0;
    long nanos = 0;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && names.matcher(info.getThreadName()).matches()) {
        long cpu = mx.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          count++;
          nanos += cpu;
        }
      }
    }
    return new Usage(count, nanos / 1e9);
  }
}
