package io.campaignpulse.bench;

import io.campaignpulse.avro.CampaignTotals;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Reads {@code campaign-totals} as a client of the pipeline would: {@code isolation.level=read_committed}, from
 * the beginning, the latest record per campaign being its totals. On its own thread, it notes the wall time
 * ({@code System.nanoTime}) at which it saw what the benchmark waits for:
 * <ul>
 *   <li>since when the published figures equal the expected ones ({@link #expect}), reset when they stop doing
 *       so;</li>
 *   <li>for the latency probes, when the probe campaign's {@code orders} first reached each count k
 *       ({@link #probeSeenNanos}).</li>
 * </ul>
 * (see {@link CommittedReader}).
 */
public final class TotalsWatcher implements AutoCloseable {

  private final CommittedReader<CampaignTotals> reader;
  private final String probeCampaign;
  private final Map<String, StreamsReference.Figures> latest = new HashMap<>();
  private volatile Map<String, StreamsReference.Figures> expected;
  private volatile long matchedSince = -1;
  private volatile long lastChange = System.nanoTime();
  private volatile long records;
  private long[] probeSeen = new long[0];
  private volatile int probesSeen;

  /**
   * A watcher of {@code topic}; {@code clientProperties} are the cluster settings (bootstrap servers and the
   * client properties file), {@code serdeConfig} points the deserializer at the registry.
   */
  public TotalsWatcher(Properties clientProperties, Map<String, Object> serdeConfig, String topic,
      String probeCampaign) {
    this.probeCampaign = probeCampaign;
    this.reader = new CommittedReader<>(clientProperties, serdeConfig, topic, CampaignTotals.class,
        "bench-totals-watcher", this::take);
  }

  /** Assigns every partition of the topic, from the beginning, and starts reading. */
  public TotalsWatcher start() {
    reader.start(true);
    return this;
  }

  /** From now on, tracks since when the published figures equal {@code figures}. */
  public synchronized void expect(Map<String, StreamsReference.Figures> figures) {
    expected = Map.copyOf(figures);
    matchedSince = StreamsReference.agree(expected, latest) ? System.nanoTime() : -1;
  }

  /** {@code System.nanoTime()} since which the published figures equal the expected ones, or -1. */
  public long matchedSince() {
    return matchedSince;
  }

  /** When any campaign's published figures last changed. */
  public long lastChangeNanos() {
    return lastChange;
  }

  /** Records read so far. */
  public long records() {
    return records;
  }

  /** The latest published figures per campaign. */
  public synchronized Map<String, StreamsReference.Figures> latest() {
    return Map.copyOf(latest);
  }

  /** Starts noting the probe campaign's {@code orders} counts 1..{@code count}, forgetting earlier ones. */
  public synchronized void expectProbes(int count) {
    probeSeen = new long[count];
    probesSeen = (int) Math.min(count, latest.getOrDefault(probeCampaign, StreamsReference.Figures.ZERO).orders());
    Arrays.fill(probeSeen, 0, probesSeen, -1);
  }

  /** How many probes have been counted so far (the probe campaign's {@code orders}, capped at the expected count). */
  public int probesSeen() {
    return probesSeen;
  }

  /** {@code System.nanoTime()} when {@code orders} of the probe campaign was first seen at k or more. */
  public synchronized long probeSeenNanos(int k) {
    return probeSeen[k - 1];
  }

  /** Why the watcher stopped, if it failed. */
  public Throwable failure() {
    return reader.failure();
  }

  private synchronized void take(ConsumerRecords<String, CampaignTotals> batch, long now) {
    boolean changed = false;
    for (ConsumerRecord<String, CampaignTotals> r : batch) {
      records++;
      if (r.value() == null) {
        changed |= latest.remove(r.key()) != null;
        continue;
      }
      StreamsReference.Figures figures = StreamsReference.Figures.of(r.value());
      changed |= !figures.equals(latest.put(r.key(), figures));
      if (r.key().equals(probeCampaign)) {
        long orders = Math.min(figures.orders(), probeSeen.length);
        for (int k = probesSeen + 1; k <= orders; k++) {
          probeSeen[k - 1] = now;
        }
        if (orders > probesSeen) {
          probesSeen = (int) orders;
        }
      }
    }
    if (changed) {
      lastChange = now;
      Map<String, StreamsReference.Figures> want = expected;
      if (want != null) {
        boolean agree = StreamsReference.agree(want, latest);
        if (!agree) {
          matchedSince = -1;
        } else if (matchedSince < 0) {
          matchedSince = now;
        }
      }
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
