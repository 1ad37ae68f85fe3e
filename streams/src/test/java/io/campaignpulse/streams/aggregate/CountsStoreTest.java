package io.campaignpulse.streams.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.CampaignCountsSerde;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregate store's cache: sums exact against a plain map, written at flush, visible to queries only then. */
class CountsStoreTest {

  private KeyValueStore<String, CampaignCounts> underlying;
  private CountsStore store;

  @BeforeEach
  void init() {
    underlying = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("campaign-merchants-store"),
        Serdes.String(), new CampaignCountsSerde()).withLoggingDisabled().build();
    store = new CountsStore(underlying);
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  private static CampaignCounts counts(long orders, long fen) {
    return new CampaignCounts(orders, 0, fen, 0, 0, 0, 0, 0, CampaignCounts.NO_TIME);
  }

  @Test
  void sumsAgreeWithAPlainMapThroughFlushesClearsAndEvictions() {
    Random rnd = new Random(3);
    Map<String, CampaignCounts> reference = new HashMap<>();
    int keys = CountsStore.CLEAN_CAPACITY * 2; // more keys than stay cached: some sums come back from the store
    for (int i = 0; i < 200_000; i++) {
      String key = "C-1\u001fM-" + rnd.nextInt(keys);
      CampaignCounts delta = counts(rnd.nextInt(3) - 1, rnd.nextInt(10_000) - 5_000);
      CampaignCounts expected = reference.merge(key, delta, CampaignCounts::plus);
      assertThat(store.add(key, delta)).isEqualTo(expected);
      if (rnd.nextInt(5_000) == 0) {
        store.flushCache();
      }
      if (rnd.nextInt(50_000) == 0) {
        store.flushCache();
        store.clearCache(); // a recycled task: only what was written counts
      }
    }
    store.flushCache();
    reference.forEach((key, sum) -> assertThat(store.get(key)).as(key).isEqualTo(sum));
    assertThat(store.approximateNumEntries()).isEqualTo(reference.size());
  }

  @Test
  void queriesSeeWhatTheLastFlushWrote() {
    store.add("C-1", counts(1, 100));
    assertThat(store.get("C-1")).as("not flushed yet").isNull();
    store.flushCache();
    assertThat(store.get("C-1")).isEqualTo(counts(1, 100));
    store.add("C-1", counts(1, 50));
    assertThat(store.get("C-1")).isEqualTo(counts(1, 100));
    store.flushCache();
    try (var it = store.prefixScan("C-", new org.apache.kafka.common.serialization.StringSerializer())) {
      assertThat(it.next().value).isEqualTo(counts(2, 150));
    }
  }

  @Test
  void aClearedCacheDropsUnflushedSums() {
    store.add("C-1", counts(1, 100));
    store.flushCache();
    store.add("C-1", counts(5, 500)); // then the transaction aborts and the task is recycled
    store.clearCache();
    assertThat(store.add("C-1", counts(1, 1))).isEqualTo(counts(2, 101));
  }
}
