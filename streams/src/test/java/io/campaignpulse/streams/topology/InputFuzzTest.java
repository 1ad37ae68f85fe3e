package io.campaignpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.streams.DeadLetters;
import io.campaignpulse.streams.DeadLetters.Letter;
import io.campaignpulse.streams.DeadLetters.Origin;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.PoisonPills;
import io.campaignpulse.streams.PoisonPills.Kind;
import io.campaignpulse.streams.PoisonPills.Pill;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzed input under {@link org.apache.kafka.streams.TopologyTestDriver}: thousands of malformed records of every
 * kind {@link PoisonPills} makes (random bytes, truncations, unknown schema ids, corrupted bodies, contract
 * breaches, wrong keys, tombstones) interleaved with good events on all four input topics. Proves that the
 * topology never throws, that every malformed record is on {@code dead-letters} exactly once with its original key
 * and bytes, its source offset and a reason, that the dead-letter metric of each topic counts exactly those, and
 * that every aggregate equals the {@link ReferenceModel} fed only the good events.
 */
class InputFuzzTest {

  /** Base seed of the storms; set {@code -Dfuzz.seed=N} to explore other ones (failures name the seed). */
  private static final long BASE_SEED = Long.getLong("fuzz.seed", 20_261_129L);
  private static final AnalyticsSettings STORES_IN_MEMORY = AnalyticsSettings.defaults().withInMemoryStores();

  static Stream<Arguments> storms() {
    Random seeds = new Random(BASE_SEED);
    return Stream.of(Arguments.of(seeds.nextLong(), 5_000, 5_000), Arguments.of(seeds.nextLong(), 500, 3_000),
        Arguments.of(seeds.nextLong(), 2_000, 500));
  }

  @ParameterizedTest(name = "seed {0}: {1} good events, {2} malformed records")
  @MethodSource("storms")
  void malformedRecordsAreDeadLetteredOnceAndNeverChangeTheCounts(long seed, int good, int bad) {
    try {
      storm(seed, good, bad);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("storm seed " + seed + " (base seed " + BASE_SEED + "): " + e.getMessage(), e);
    }
  }

  private static void storm(long seed, int good, int bad) {
    // Given good events on the three event inputs, three campaign definitions, and malformed records of every
    // kind for all four inputs
    Random random = new Random(seed);
    List<Object> events = RandomEvents.generate(random, good);
    List<Campaign> campaigns = List.of(Events.campaign("C-0", 5_000_000, 50, 80), Events.campaign("C-1", 0),
        Events.campaign("C-2", 90_000_000, 90));
    ReferenceModel reference = new ReferenceModel();
    try (PipelineHarness pipeline = new PipelineHarness(STORES_IN_MEMORY)) {
      List<Pill> malformed = new PoisonPills(pipeline.topics, random, events, campaigns).next(bad);
      Map<String, TestInputTopic<String, byte[]>> raw = new HashMap<>();
      Map<String, Long> offsets = new HashMap<>();
      Map<Origin, Pill> sent = new HashMap<>();

      // When they are sent interleaved at random, with emits at random moments
      campaigns.forEach(c -> {
        pipeline.campaign(c, Events.T0);
        offsets.merge(pipeline.topics.campaigns().name(), 1L, Long::sum);
      });
      Instant lastTime = Events.T0;
      int nextEvent = 0;
      int nextPill = 0;
      while (nextEvent < events.size() || nextPill < malformed.size()) {
        if (random.nextInt(50) == 0) {
          pipeline.flush();
        }
        int left = events.size() - nextEvent + malformed.size() - nextPill;
        if (random.nextInt(left) < malformed.size() - nextPill) {
          Pill pill = malformed.get(nextPill++);
          raw.computeIfAbsent(pill.topic(), pipeline::rawInput).pipeInput(pill.key(), pill.value(), lastTime);
          sent.put(new Origin(pill.topic(), 0, offsets.merge(pill.topic(), 1L, Long::sum) - 1), pill);
        } else {
          Object event = events.get(nextEvent++);
          pipeline.event(event);
          reference.event(event);
          offsets.merge(PoisonPills.topicOf(pipeline.topics, event).name(), 1L, Long::sum);
          lastTime = Events.eventTime(event);
        }
      }

      // Then every malformed record is in dead-letters once, as it was sent, with its origin and a reason
      assertThat(malformed).extracting(Pill::kind).containsAll(bad >= 1_000 ? EnumSet.allOf(Kind.class) : List.of());
      DeadLetters.assertEachOnceAsSent(sent, pipeline.deadLetters.readRecordsToList().stream()
          .map(r -> Letter.of(r.headers(), r.key(), r.value())).toList());
      // And the dead-letter metric of each topic counts them
      Map<String, Long> perTopic =
          malformed.stream().collect(Collectors.groupingBy(Pill::topic, Collectors.counting()));
      perTopic.forEach((topic, count) -> assertThat(pipeline.metrics.deadLetters(topic)).as(topic).isEqualTo(count));
      assertThat(pipeline.metrics.deadLetters()).isEqualTo(malformed.size());
      // And every aggregate, the published totals and the late events equal the reference model of the good events
      ReferenceAgreement.assertAgrees(pipeline, reference);
    }
  }
}
