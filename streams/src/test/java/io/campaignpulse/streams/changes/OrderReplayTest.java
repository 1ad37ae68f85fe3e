package io.campaignpulse.streams.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.PoisonPills;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.store.OrdersLatestStore;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.OrderState;
import io.campaignpulse.streams.totals.OrderStateSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code orders-latest-store} restored from the orders topic equals what live processing wrote: random sequences
 * (duplicates, versions out of order, cancellations, refunds, campaign moves, late events) with malformed and
 * invalid order records among them go through the pipeline under {@code TopologyTestDriver}; the same raw records
 * then go through {@link OrderReplay} in batches, each batch from a new replay that resumes from the clock the last
 * one reached (as a restore from a checkpoint does). Every order state, its on-time flag included, and the stored
 * clock must agree.
 */
class OrderReplayTest {

  static Stream<Arguments> sequences() {
    Random seeds = new Random(20_261_130L);
    return IntStream.range(0, 24).mapToObj(i -> Arguments.of(seeds.nextLong(), 1 + seeds.nextInt(300), i % 2 == 0));
  }

  @ParameterizedTest(name = "seed {0}, {1} events, emit on commit {2}")
  @MethodSource("sequences")
  void replayEqualsLiveProcessing(long seed, int size, boolean emitOnCommit) {
    replayAndCompare(new Random(seed), size, emitOnCommit);
  }

  @Test
  void aLongSequenceWithLateOrdersReplaysExactly() {
    Map<String, OrderState> live = replayAndCompare(new Random(7), 3_000, true);
    assertThat(live.values()).as("some orders were too late for their hour and day").anyMatch(s -> !s.windowed());
    assertThat(live.values()).anyMatch(OrderState::windowed);
  }

  private static Map<String, OrderState> replayAndCompare(Random random, int size, boolean emitOnCommit) {
    List<Object> events = RandomEvents.generate(random, size);
    List<ConsumerRecord<byte[], byte[]>> raw = new ArrayList<>();
    try (PipelineHarness pipeline = new PipelineHarness(
        AnalyticsSettings.defaults().withEmitOnCommit(emitOnCommit).withOrdersFromInput(true))) {
      String topic = pipeline.topics.orders().name();
      // pills are mutations of any input's events (one kind puts another input's record here): those that land on
      // the orders topic go in
      boolean mixed = events.stream().map(Object::getClass).distinct().count() > 1;
      PoisonPills pills = mixed ? new PoisonPills(pipeline.topics, random, events, List.of()) : null;
      for (Object event : events) {
        if (pills != null && random.nextInt(8) == 0) {
          PoisonPills.Pill pill = pills.next();
          if (pill.topic().equals(topic)) {
            pipeline.rawOrders.pipeInput(pill.key(), pill.value());
            raw.add(record(topic, raw.size(), pill.key(), pill.value()));
          }
        }
        pipeline.event(event);
        if (event instanceof TradeInOrder o) {
          raw.add(record(topic, raw.size(), o.getOrderId(),
              pipeline.topics.orders().valueSerde().serializer().serialize(topic, o)));
        }
      }
      OrdersLatestStore store = OrdersLatestStore.find(pipeline.driver.getKeyValueStore(StoreNames.ORDERS_LATEST));
      assertThat(store).as("the live pipeline keeps order states in the source-restored store").isNotNull();
      Map<String, OrderState> live = new TreeMap<>();
      long liveClock = CampaignCounts.NO_TIME;
      OrderStateSerde serde = new OrderStateSerde();
      try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<Bytes, byte[]> e = it.next();
          String key = new String(e.key.get(), StandardCharsets.UTF_8);
          if (key.equals(OrderReplay.CLOCK_KEY)) {
            liveClock = ByteBuffer.wrap(e.value).getLong();
          } else {
            live.put(key, serde.deserializer().deserialize(topic, e.value));
          }
        }
      }

      Map<String, OrderState> replayed = new HashMap<>();
      long clock = CampaignCounts.NO_TIME;
      int from = 0;
      while (from < raw.size()) {
        int to = Math.min(raw.size(), from + 1 + random.nextInt(Math.max(1, raw.size() / 2)));
        OrderReplay replay = new OrderReplay(topic, pipeline.topics.orders().valueSerde().deserializer(),
            pipeline.settings.grace(), clock);
        replayed.putAll(replay.replay(raw.subList(from, to), replayed::get));
        clock = replay.clock();
        from = to;
      }
      assertThat(new TreeMap<>(replayed)).isEqualTo(live);
      if (!live.isEmpty()) {
        assertThat(clock).as("the clock live processing stored at its last commit").isEqualTo(liveClock);
      }
      return live;
    }
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, long offset, String key, byte[] value) {
    return new ConsumerRecord<>(topic, 0, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }
}
