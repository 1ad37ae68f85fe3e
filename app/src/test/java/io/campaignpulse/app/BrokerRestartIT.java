package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalKafkaBroker;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure drill of a broker that crashes mid-stream: a real broker process is killed (SIGKILL, open
 * transactions and all) after half of the events, stays away for a few seconds and restarts on its data. The app,
 * never restarted, waits and recovers on its own; the final totals equal the reference model exactly, so nothing
 * was lost or counted twice, and the app is RUNNING again.
 */
class BrokerRestartIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration GRACE = Duration.ofDays(3650);

  @TempDir
  Path temp;

  @Test
  void afterTheBrokerCrashesAndComesBackTheTotalsAreExact() throws Exception {
    List<Object> events = RandomEvents.generate(new Random(41), 1_200);
    ReferenceModel reference = new ReferenceModel(ZoneId.of("Asia/Shanghai"), GRACE);
    try (LocalKafkaBroker broker = LocalKafkaBroker.builder(temp.resolve("broker")).partitions(3).start()) {
      PulseConfig config = new PulseConfig(broker.bootstrapServers(), SharedRegistry.get().url(),
          TopicNames.defaults(), 3, (short) 1, "broker-restart-test", temp.resolve("state"), 100, 0, null)
          .withAnalytics(ZoneId.of("Asia/Shanghai"), GRACE);
      try (PipelineService service = PipelineService.start(config, "127.0.0.1", 0)) {
        assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();

        // Given half of the events counted
        send(config, events.subList(0, events.size() / 2), reference);
        Map<String, ReferenceModel.Totals> half = reference.totals();
        await().atMost(TIMEOUT).untilAsserted(() ->
            assertThat(LivePipeline.served(service.httpPort(), half.keySet())).isEqualTo(half));

        // When the broker crashes, stays away, and comes back on its data
        broker.kill();
        Thread.sleep(5_000);
        broker.restart();

        // And the other half arrives
        send(config, events.subList(events.size() / 2, events.size()), reference);

        // Then the app has recovered by itself and every total is exact
        Map<String, ReferenceModel.Totals> all = reference.totals();
        await().atMost(TIMEOUT).untilAsserted(() ->
            assertThat(LivePipeline.served(service.httpPort(), all.keySet())).isEqualTo(all));
        assertThat(service.streams().state().name()).isEqualTo("RUNNING");
      }
    }
  }

  private static void send(PulseConfig config, List<Object> events, ReferenceModel reference) throws Exception {
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(config.serdeConfig(), false);
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        config.producerProperties("broker-restart-producer"), new StringSerializer(), values)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Object event : events) {
        sent.add(LivePipeline.send(producer, config.topicNames(), event));
      }
      producer.flush();
      // an event counts in the reference only once the broker has it: a send the broker refused is the test's
      // failure to deliver, not the app's to count
      for (int i = 0; i < sent.size(); i++) {
        try {
          sent.get(i).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw new AssertionError("the broker did not take event " + i + ": " + e.getCause(), e.getCause());
        }
        reference.event(events.get(i));
      }
    }
  }
}
