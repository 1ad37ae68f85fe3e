package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProduceReportTest {

  @Test
  void throughputFromCountBytesAndTime() {
    Throughput t = Throughput.of(200_000, 20L * 1024 * 1024, 2_000_000_000L);

    assertThat(t.recordsPerSec()).isCloseTo(100_000, within(1e-9));
    assertThat(t.mbPerSec()).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(ProduceReport.median(List.of(3.0, 1.0, 2.0), Double::doubleValue)).isEqualTo(2.0);
    assertThat(ProduceReport.median(List.of(4.0, 1.0, 3.0, 2.0), Double::doubleValue)).isEqualTo(2.5);
    assertThat(ProduceReport.median(List.<Double>of(), Double::doubleValue)).isNaN();
  }

  @Test
  void ratiosAreMedianOverMedian() {
    ProduceReport.Row.Builder b = new ProduceReport.Row.Builder("none");
    b.addOurs(new Throughput(10, 80_000, 8.0), ProducerStats.NONE, CpuMeter.CpuPerRecord.NONE);
    b.addOurs(new Throughput(10, 90_000, 9.0), ProducerStats.NONE, CpuMeter.CpuPerRecord.NONE);
    // an outlier does not move the median
    b.addOurs(new Throughput(10, 10_000, 1.0), ProducerStats.NONE, CpuMeter.CpuPerRecord.NONE);
    b.addKafka(new Throughput(10, 100_000, 10.0), ProducerStats.NONE, CpuMeter.CpuPerRecord.NONE);
    b.addKafka(new Throughput(10, 120_000, 12.0), ProducerStats.NONE, CpuMeter.CpuPerRecord.NONE);
    b.addKafka(new Throughput(10, 110_000, 11.0), ProducerStats.NONE, CpuMeter.CpuPerRecord.NONE);

    ProduceReport.Row row = b.build();

    assertThat(row.ours().recordsPerSec()).isEqualTo(80_000);
    assertThat(row.kafka().recordsPerSec()).isEqualTo(110_000);
    assertThat(row.recordsRatio()).isCloseTo(80.0 / 110.0, within(1e-12));
    assertThat(row.mbRatio()).isCloseTo(8.0 / 11.0, within(1e-12));
    assertThat(row.roundRatios()).containsExactly(0.8, 0.75, 10_000.0 / 110_000);
  }

  @Test
  void rendersTheTableAndTheVerdict() {
    ProduceReport.Row.Builder lz4 = new ProduceReport.Row.Builder("lz4");
    lz4.addOurs(new Throughput(10, 90_000, 8.5), new ProducerStats(30_000, 2000, 0.4),
        new CpuMeter.CpuPerRecord(2.0, 3.0));
    lz4.addOurs(new Throughput(10, 90_000, 8.5), new ProducerStats(20_000, 1000, 0.2),
        new CpuMeter.CpuPerRecord(4.0, 5.0));
    lz4.addKafka(new Throughput(10, 100_000, 9.4), new ProducerStats(60_000, 700, 0.95),
        new CpuMeter.CpuPerRecord(1.5, 2.0));
    // sampled nothing: left out of the medians
    lz4.addKafka(new Throughput(10, 100_000, 9.4), ProducerStats.NONE, CpuMeter.CpuPerRecord.NONE);
    ProduceReport report = new ProduceReport(new ProduceReport.Setup(LocalDate.of(2025, 1, 2), 10, 6, 2, 14.0,
        85.0, 99, "local broker", 2), List.of(lz4.build()));

    String text = report.render();

    assertThat(text).contains("| lz4 | 90,000 | 8.50 | 100,000 | 9.40 | 0.90 | 0.90 | 0.90 0.90 (median 0.90) |")
        .contains("| lz4 | ours | 25,000 | 1500 | 0.30 | 3.00 | 4.00 |")
        .contains("| lz4 | Kafka | 60,000 | 700 | 0.95 | 1.50 | 2.00 |")
        .contains("- lz4: CPU per record, producer + broker: ours 7.00 µs, Kafka's 3.50 µs; ratio 0.50")
        .contains("--record-size 99")
        .contains("goal ours/Kafka >= 0.80, lz4: 0.90, met");
  }

  @Test
  void bothSidesGetTheProjectsProducerSettings() {
    ProducerSettings settings = new ProducerSettings("127.0.0.1:9092", "lz4");

    List<String> args = KafkaPerfRun.arguments("t", 500_000, 99, settings);

    assertThat(args).containsSequence("--num-records", "500000", "--record-size", "99", "--throughput", "-1")
        .contains("bootstrap.servers=127.0.0.1:9092", "acks=all", "enable.idempotence=true",
            "compression.type=lz4", "linger.ms=10", "batch.size=65536");
    assertThat(settings.producerConfig("c")).containsEntry("acks", "all").containsEntry("batch.size", "65536")
        .containsEntry("client.id", "c");
  }
}
