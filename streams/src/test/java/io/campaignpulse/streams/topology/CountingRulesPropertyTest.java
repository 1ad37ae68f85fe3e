package io.campaignpulse.streams.topology;

import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random event sequences with duplicates, out-of-order versions, cancellations, refunds, campaign moves,
 * repeated sales, corrected gate reports and late events, run through the topology (emitting at random moments)
 * and compared with the plain-Java {@link ReferenceModel} of the counting rules: every aggregate of every family,
 * key by key and field by field, the published totals, and the late events.
 */
class CountingRulesPropertyTest {

  /** Base seed of the random sequences; set {@code -Dcounting.seed=N} to explore other ones. */
  private static final long BASE_SEED = Long.getLong("counting.seed", 20_240_501L);
  /** How many random sequences; set {@code -Dcounting.sequences=N} for a longer search. */
  private static final int SEQUENCES = Integer.getInteger("counting.sequences", 500);

  static Stream<Arguments> sequences() {
    Random seeds = new Random(BASE_SEED);
    // every other sequence emits at each commit (the test driver commits after every record), as the live pipeline
    // does; the others only at random moments, so batches sum many events
    return IntStream.range(0, SEQUENCES).mapToObj(i -> Arguments.of(seeds.nextLong(), 1 + seeds.nextInt(250),
        i % 2 == 0));
  }

  @ParameterizedTest(name = "seed {0}, {1} events, emit on commit {2}")
  @MethodSource("sequences")
  void topologyAgreesWithTheReferenceModel(long seed, int size, boolean emitOnCommit) {
    runAndCompare(new Random(seed), size, emitOnCommit);
  }

  @Test
  void aLongSequenceAgreesWithTheReferenceModel() {
    runAndCompare(new Random(20_241_001L), 10_000, false);
  }

  private static void runAndCompare(Random random, int size, boolean emitOnCommit) {
    List<Object> events = RandomEvents.generate(random, size);
    ReferenceModel reference = new ReferenceModel();
    try (PipelineHarness pipeline = new PipelineHarness(STORES_IN_MEMORY.withEmitOnCommit(emitOnCommit))) {
      int nextEmit = random.nextInt(50);
      for (Object event : events) {
        if (nextEmit-- == 0) {
          pipeline.flush();
          nextEmit = random.nextInt(50);
        }
        pipeline.event(event);
        reference.event(event);
      }
      ReferenceAgreement.assertAgrees(pipeline, reference);
    }
  }

  /** The rules do not depend on where state lives; RocksDB is exercised by the other topology tests and the ITs. */
  private static final AnalyticsSettings STORES_IN_MEMORY = AnalyticsSettings.defaults().withInMemoryStores();
}
