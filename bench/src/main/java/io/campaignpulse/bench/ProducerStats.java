package io.campaignpulse.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A producer's own averages over a run, which explain its throughput: how full its batches were (bytes, after
 * compression), how many records one produce request carried, and the compression rate (compressed / original
 * size). Read from our producer's metrics, and from JMX for Kafka's tool, whose producer lives inside the tool.
 */
public record ProducerStats(double batchSizeAvg, double recordsPerRequestAvg, double compressionRateAvg) {

  /** No figures (the producer reported none). */
  public static final ProducerStats NONE = new ProducerStats(Double.NaN, Double.NaN, Double.NaN);

  private static final String GROUP = "producer-metrics";
  private static final String[] NAMES = {"batch-size-avg", "records-per-request-avg", "compression-rate-avg"};

  /** The figures from a producer's {@code metrics()}. */
  public static ProducerStats of(Map<MetricName, ? extends Metric> metrics) {
    double[] v = {Double.NaN, Double.NaN, Double.NaN};
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      if (e.getKey().group().equals(GROUP)) {
        for (int i = 0; i < NAMES.length; i++) {
          if (e.getKey().name().equals(NAMES[i]) && e.getValue().metricValue() instanceof Number n) {
            v[i] = n.doubleValue();
          }
        }
      }
    }
    return new ProducerStats(v[0], v[1], v[2]);
  }

  /**
   * The figures of the producer with {@code clientId} (letters, digits, dashes) in this JVM, from JMX; {@link #NONE}
   * when it is not (or no longer) registered.
   */
  public static ProducerStats fromJmx(String clientId) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName name = new ObjectName("kafka.producer:type=" + GROUP + ",client-id=" + clientId);
      if (!server.isRegistered(name)) {
        return NONE;
      }
      double[] v = new double[NAMES.length];
      for (int i = 0; i < NAMES.length; i++) {
        v[i] = server.getAttribute(name, NAMES[i]) instanceof Number n ? n.doubleValue() : Double.NaN;
      }
      return new ProducerStats(v[0], v[1], v[2]);
    } catch (JMException | RuntimeException e) {
      return NONE;
    }
  }

  /** Whether any figure is known. */
  public boolean known() {
    return !Double.isNaN(batchSizeAvg) || !Double.isNaN(recordsPerRequestAvg) || !Double.isNaN(compressionRateAvg);
  }
}
