package io.campaignpulse.bench;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.kafka.Pacer;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * End-to-end latency of the running pipeline at a fixed offered rate: a paced producer (the project's producer
 * settings) sends {@code rate} order events per second for {@code seconds} seconds, new orders of the benchmark's
 * campaigns stamped with their planned send time. Every {@code probeEvery}-th event is a probe instead: a new
 * APPROVED order of the probe campaign, so each adds exactly 1 to that campaign's {@code orders}. Probe ids hash to
 * one partition, so they are counted in send order and the probe campaign's {@code orders} reaching k means probe k
 * was counted and published. Probe k's latency is the time the {@link TotalsWatcher} first read
 * {@code orders >= k} (read_committed) minus the time just before its {@code send}: producer linger, the pipeline
 * (decode, latest version, repartition, sum), the exactly-once commit and the read. Each probe also grants 1 fen of
 * subsidy against a probe budget of 100 fen with thresholds 1, 2, 3, ... percent, so probe k crosses threshold k:
 * its alert latency is the time the {@link AlertWatcher} read that alert on budget-alerts (read_committed) minus
 * the same send time (for the first {@link #MAX_ALERT_PROBES} probes).
 */
public final class LatencyPhase {

  /** Offered events per second, for how long, and a probe every this many milliseconds. */
  public record Plan(int rate, int seconds, int probeIntervalMs) {
  }

  /** What the phase measured. */
  public record Result(long sent, double sendSeconds, int probes, double probeIntervalMs, int probePartition,
      int partitions, Percentiles latencyMs, Percentiles alertLatencyMs, CpuMeter.Snapshot cpuStart,
      CpuMeter.Snapshot cpuEnd) {

    public double achievedRate() {
      return sent / sendSeconds;
    }
  }

  static final String CLIENT_ID = "bench-paced-producer";
  private static final int PROBE_PARTITION = 0;
  private static final long PROBE_TIMEOUT_MS = 120_000;

  private final Plan plan;
  private final PrintStream log;

  public LatencyPhase(Plan plan, PrintStream log) {
    this.plan = plan;
    this.log = log;
  }

  /**
   * Probes whose budget alert is timed: the first ones, at most this many, as the probe campaign needs one threshold
   * per alert probe and its ledger (stored and changelogged per change) grows with them.
   */
  static final int MAX_ALERT_PROBES = 2_000;

  /** How many probes have their budget alert timed. */
  public int alertProbes() {
    return Math.min(probes(), MAX_ALERT_PROBES);
  }

  /** How many probes the phase sends. */
  public int probes() {
    int total = Math.toIntExact((long) plan.rate() * plan.seconds());
    int every = probeEvery(plan.rate(), plan.probeIntervalMs());
    return (total + every - 1) / every;
  }

  /** Probes every {@code probeEvery}-th event: the probe interval in events at the offered rate, at least 1. */
  static int probeEvery(int rate, int probeIntervalMs) {
    return (int) Math.max(1, Math.round(rate * probeIntervalMs / 1000.0));
  }

  /**
   * Runs the phase: the live orders come from {@code campaigns} (seed {@code seed}), every event sent is also
   * given to {@code reference}; {@code watcher} must be reading {@code campaign-totals}.
   */
  public Result run(Properties producerProperties, String ordersTopic, Serializer<? super TradeInOrder> serializer,
      BenchCampaigns campaigns, long seed, StreamsReference reference, TotalsWatcher watcher, AlertWatcher alerts,
      CpuMeter cpu, BooleanSupplier pipelineHealthy) {
    int total = Math.toIntExact((long) plan.rate() * plan.seconds());
    int every = probeEvery(plan.rate(), plan.probeIntervalMs());
    int probes = (total + every - 1) / every;
    int live = total - probes;
    OrderWorkload orders = live == 0 ? null : OrderWorkload.generate(liveSpec(live, seed), campaigns);

    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties)) {
      int partitions = producer.partitionsFor(ordersTopic).size(); // also loads the metadata before the clock
      // every event is built and serialized before the clock starts, stamped with its planned send time
      long t0 = System.currentTimeMillis() + 500;
      String[] keys = new String[total];
      byte[][] values = new byte[total][];
      long[] times = new long[total];
      int[] probeAt = new int[probes];
      int slot = 0;
      int k = 0;
      for (int i = 0; i < total; i++) {
        long time = t0 + i * 1000L / plan.rate();
        TradeInOrder order;
        if (i % every == 0) {
          probeAt[k] = i;
          order = probe(++k, partitions, time);
        } else {
          order = orders.order(slot++, time);
        }
        reference.order(order);
        keys[i] = order.getOrderId();
        values[i] = serializer.serialize(ordersTopic, order);
        times[i] = time;
      }
      watcher.expectProbes(probes);
      watcher.expect(reference.totals());
      log.printf("latency phase: %,d events/s for %d s (%,d events, of which %,d probes: every %d events = %.1f ms, "
          + "on partition %d of %d)%n", plan.rate(), plan.seconds(), total, probes, every, every * 1000.0 / plan.rate(),
          PROBE_PARTITION, partitions);

      Sends sends = new Sends();
      long[] sentAt = new long[probes];
      CpuMeter.Snapshot cpuStart = cpu.snapshot();
      Pacer pacer = Pacer.rate(plan.rate());
      long start = System.nanoTime();
      int p = 0;
      try {
        for (int i = 0; i < total; i++) {
          pacer.await(times[i]);
          if (p < probes && probeAt[p] == i) {
            sentAt[p++] = System.nanoTime();
          }
          producer.send(new ProducerRecord<>(ordersTopic, null, times[i], keys[i], values[i]), sends);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted while sending", e);
      }
      producer.flush();
      long sendNanos = System.nanoTime() - start;
      CpuMeter.Snapshot cpuEnd = cpu.snapshot();
      if (sends.failure.get() != null || sends.acked.get() != total) {
        throw new BenchException("the paced producer lost records: " + sends.acked.get() + " of " + total
            + " acknowledged", sends.failure.get());
      }

      int alertProbes = alertProbes();
      awaitProbes(watcher, alerts, probes, alertProbes, pipelineHealthy);
      double[] latencies = new double[probes];
      double[] alertLatencies = new double[alertProbes];
      for (int j = 0; j < probes; j++) {
        latencies[j] = (watcher.probeSeenNanos(j + 1) - sentAt[j]) / 1e6;
        if (j < alertProbes) {
          alertLatencies[j] = (alerts.seenNanos(j + 1) - sentAt[j]) / 1e6;
        }
      }
      return new Result(total, sendNanos / 1e9, probes, every * 1000.0 / plan.rate(), PROBE_PARTITION, partitions,
          Percentiles.of(latencies), Percentiles.of(alertLatencies), cpuStart, cpuEnd);
    }
  }

  private void awaitProbes(TotalsWatcher watcher, AlertWatcher alerts, int probes, int alertProbes,
      BooleanSupplier pipelineHealthy) {
    long deadline = System.currentTimeMillis() + PROBE_TIMEOUT_MS;
    while (watcher.probesSeen() < probes || alerts.seen() < alertProbes) {
      if (alerts.failure() != null) {
        throw new BenchException("the alert reader failed", alerts.failure());
      }
      if (System.currentTimeMillis() > deadline || !pipelineHealthy.getAsBoolean() || watcher.failure() != null) {
        throw new BenchException("only " + watcher.probesSeen() + " of " + probes + " latency probes were counted "
            + "on campaign-totals, and " + alerts.seen() + " alerted on budget-alerts, within "
            + PROBE_TIMEOUT_MS / 1000 + " s after the last send"
            + (watcher.failure() == null ? "" : "; the totals reader failed: " + watcher.failure()));
      }
      sleep(10);
    }
  }

  /** The live workload: new orders (prefix LV), 1% duplicates, a few out of order, about 2.8 versions per order. */
  static OrderWorkload.Spec liveSpec(int events, long seed) {
    double duplicates = 0.01;
    long versions = events - Math.round(events * duplicates);
    int orders = (int) Math.max((versions + 3) / 4, Math.min(versions, Math.round(versions / 2.83)));
    return new OrderWorkload.Spec(events, orders, duplicates, 0.03, Instant.now(), 1, "LV", seed);
  }

  private static TradeInOrder probe(int k, int partitions, long time) {
    return TradeInOrder.newBuilder()
        .setOrderId(ProbeKeys.key(k, PROBE_PARTITION, partitions))
        .setVersion(1)
        .setCampaignId(BenchCampaigns.PROBE_CAMPAIGN_ID)
        .setCategory(Category.OTHER)
        .setStatus(OrderStatus.APPROVED)
        .setPurchaseAmountFen(100)
        .setSubsidyAmountFen(1) // probe k takes the probe campaign's granted subsidy to k fen: threshold k%
        .setMerchantId("M-PROBE")
        .setStreet(null)
        .setEventTime(Instant.ofEpochMilli(time))
        .build();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  /** Counts acknowledgements, keeps the first failure. */
  private static final class Sends implements org.apache.kafka.clients.producer.Callback {
    final AtomicLong acked = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();

    @Override
    public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
      if (error == null) {
        acked.incrementAndGet();
      } else {
        failure.compareAndSet(null, error);
      }
    }
  }
}
