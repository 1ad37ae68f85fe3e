package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.streams.DeadLetters;
import io.campaignpulse.streams.DeadLetters.Letter;
import io.campaignpulse.streams.DeadLetters.Origin;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PoisonPills;
import io.campaignpulse.streams.PoisonPills.Kind;
import io.campaignpulse.streams.PoisonPills.Pill;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poison-pill storm on real parts (the KRaft test-kit broker, Apicurio Registry, the running app): 5,000
 * malformed records of every kind {@link PoisonPills} makes, unknown schema ids looked up in the real registry
 * among them, interleaved with 5,000 good events on the three event inputs (and malformed campaign definitions),
 * all through one producer of raw bytes. Proves that every good event counts ({@code campaign-totals} read
 * read_committed, and the API, equal the reference model), that every malformed record is on {@code dead-letters}
 * exactly once, as sent, with its source partition and offset and a reason, that {@code /metrics} counts the dead
 * letters of each topic exactly, and that the app stayed RUNNING with its original stream threads throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonPillStormIT {

  /** The storm's seed; set {@code -Dfuzz.seed=N} for another (failures name it). */
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_129L);
  private static final int GOOD = 5_000;
  private static final int MALFORMED = 5_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir
  static Path temp;

  private LivePipeline pipeline;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    pipeline = LivePipeline.start(temp, "storm-test");
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void aStormOfMalformedRecordsIsDeadLetteredOnceWhileEveryGoodEventCounts() throws Exception {
    try {
      storm();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("storm seed " + SEED + " (-Dfuzz.seed): " + e.getMessage(), e);
    }
  }

  private void storm() throws Exception {
    // Given good events with duplicates, corrections and late arrivals, three campaign definitions, and
    // malformed records of every kind for all four inputs
    Random random = new Random(SEED);
    List<Object> events = RandomEvents.generate(random, GOOD);
    List<Campaign> campaigns = List.of(Events.campaign("C-0", 5_000_000, 50, 80), Events.campaign("C-1", 0),
        Events.campaign("C-2", 90_000_000, 90));
    Topics topics = pipeline.config.topics();
    PoisonPills pills = new PoisonPills(topics, random, events, campaigns);
    List<Pill> malformed = new ArrayList<>();
    while (malformed.size() < MALFORMED) {
      Pill pill = pills.next();
      // the broker itself refuses a record without a key on the compacted campaigns topic
      if (pill.key() != null || !pill.topic().equals(topics.campaigns().name())) {
        malformed.add(pill);
      }
    }
    assertThat(malformed).extracting(Pill::kind).containsAll(EnumSet.allOf(Kind.class));
    ReferenceModel reference = new ReferenceModel();
    KafkaStreams streams = pipeline.service.streams().kafkaStreams();
    Set<String> threads = threadNames(streams);
    Set<KafkaStreams.State> otherStates = new ConcurrentSkipListSet<>();
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
    watch.scheduleAtFixedRate(() -> {
      if (streams.state() != KafkaStreams.State.RUNNING) {
        otherStates.add(streams.state());
      }
    }, 0, 20, TimeUnit.MILLISECONDS);

    // When they are sent interleaved at random through one producer of raw bytes
    Map<Future<RecordMetadata>, Pill> pending = new LinkedHashMap<>();
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(pipeline.config.producerProperties("storm"),
        new StringSerializer(), new ByteArraySerializer())) {
      campaigns.forEach(c -> raw.send(good(topics, pills, c, Events.T0.toEpochMilli())));
      int nextEvent = 0;
      int nextPill = 0;
      while (nextEvent < events.size() || nextPill < malformed.size()) {
        int left = events.size() - nextEvent + malformed.size() - nextPill;
        if (random.nextInt(left) < malformed.size() - nextPill) {
          Pill pill = malformed.get(nextPill++);
          pending.put(raw.send(new ProducerRecord<>(pill.topic(), pill.key(), pill.value())), pill);
        } else {
          Object event = events.get(nextEvent++);
          raw.send(good(topics, pills, (SpecificRecordBase) event, Events.eventTime(event).toEpochMilli()));
          reference.event(event);
        }
      }
      raw.flush();
    }
    Map<Origin, Pill> sent = new HashMap<>();
    for (Map.Entry<Future<RecordMetadata>, Pill> e : pending.entrySet()) {
      RecordMetadata at = e.getKey().get();
      sent.put(new Origin(at.topic(), at.partition(), at.offset()), e.getValue());
    }
    Map<String, ReferenceModel.Totals> expected = reference.totals();

    // Then the published totals equal the reference model of the good events
    assertThat(pipeline.publishedTotalsUntil(expected, TIMEOUT)).isEqualTo(expected);
    // And so does the API
    for (Map.Entry<String, ReferenceModel.Totals> e : expected.entrySet()) {
      assertApiTotals(e.getKey(), e.getValue());
    }

    // And every malformed record is in dead-letters once, as it was sent, with its origin and a reason
    List<ConsumerRecord<String, byte[]>> letters = pipeline.cluster.readBytesUntil(pipeline.topics().deadLetters(),
        read -> read.size() >= sent.size(), TIMEOUT);
    DeadLetters.assertEachOnceAsSent(sent,
        letters.stream().map(r -> Letter.of(r.headers(), r.key(), r.value())).toList());

    // And /metrics counts the dead letters of each input topic exactly
    Map<String, Long> perTopic = malformed.stream().collect(Collectors.groupingBy(Pill::topic, Collectors.counting()));
    Map<String, Long> scraped = deadLetterMetrics();
    for (String topic : List.of(topics.orders().name(), topics.fairSales().name(), topics.fairVisits().name(),
        topics.campaigns().name())) {
      assertThat(scraped.get(topic)).as("dead letters of %s on /metrics", topic).isEqualTo(perTopic.get(topic));
    }

    // And the app stayed RUNNING throughout, with the stream threads it started with and none failed
    watch.shutdownNow();
    assertThat(otherStates).as("states other than RUNNING").isEmpty();
    assertThat(threadNames(streams)).isEqualTo(threads);
    assertThat(streams.metrics().entrySet()).filteredOn(m -> m.getKey().name().equals("failed-stream-threads"))
        .singleElement().satisfies(m -> assertThat(m.getValue().metricValue()).isEqualTo(0.0));
  }

  /** A good record as its topic's serde writes it, keyed by its entity id, stamped with its event time. */
  private static ProducerRecord<String, byte[]> good(Topics topics, PoisonPills pills, SpecificRecordBase record,
      long time) {
    return new ProducerRecord<>(PoisonPills.topicOf(topics, record).name(), null, time,
        PoisonPills.entityId(record), pills.encode(record));
  }

  private void assertApiTotals(String campaignId, ReferenceModel.Totals expected) throws Exception {
    HttpResponse<String> response = pipeline.get("/api/campaigns/" + campaignId);
    assertThat(response.statusCode()).as(campaignId).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("orders").asLong()).as("%s orders", campaignId).isEqualTo(expected.orders());
    assertThat(body.get("pendingOrders").asLong()).as("%s pendingOrders", campaignId)
        .isEqualTo(expected.pendingOrders());
    assertThat(body.get("subsidyFen").asLong()).as("%s subsidyFen", campaignId).isEqualTo(expected.subsidyFen());
    assertThat(body.get("pendingSubsidyFen").asLong()).as("%s pendingSubsidyFen", campaignId)
        .isEqualTo(expected.pendingSubsidyFen());
    assertThat(body.get("consumptionFen").asLong()).as("%s consumptionFen", campaignId)
        .isEqualTo(expected.consumptionFen());
    assertThat(body.get("visitors").asLong()).as("%s visitors", campaignId).isEqualTo(expected.visitors());
  }

  /** {@code campaign_pulse_dead_letters_total} per topic, from {@code /metrics}. */
  private Map<String, Long> deadLetterMetrics() throws Exception {
    HttpResponse<String> response = pipeline.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("(?m)^campaign_pulse_dead_letters_total\\{topic=\"([^\"]+)\"} ([0-9.E]+)$")
        .matcher(response.body());
    Map<String, Long> counts = new HashMap<>();
    while (m.find()) {
      counts.put(m.group(1), (long) Double.parseDouble(m.group(2)));
    }
    return counts;
  }

  private static Set<String> threadNames(KafkaStreams streams) {
    return streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
