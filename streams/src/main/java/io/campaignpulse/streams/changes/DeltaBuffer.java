package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the deltas of one partition per {@link Cell} between two emits, so the per-campaign stage receives one
 * record per aggregate and emit interval instead of one per event. The sums live in a changelogged store, written
 * in the same transaction as the input offsets, so a crash loses or repeats nothing; a map mirrors the store so
 * that adding reads memory only. The store also holds the partition's {@link EventClock}, which is not a delta.
 */
final class DeltaBuffer {

  private final KeyValueStore<String, CampaignCounts> store;
  private final Map<String, CampaignCounts> pending = new LinkedHashMap<>();

  DeltaBuffer(KeyValueStore<String, CampaignCounts> store) {
    this.store = store;
    try (KeyValueIterator<String, CampaignCounts> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, CampaignCounts> kv = it.next();
        if (!kv.key.equals(EventClock.KEY)) {
          pending.put(kv.key, kv.value);
        }
      }
    }
  }

  void add(Cell cell, CampaignCounts delta) {
    String encoded = cell.encode();
    CampaignCounts sum = pending.merge(encoded, delta, CampaignCounts::plus);
    store.put(encoded, sum);
  }

  /**
   * Expands every pending cell into its aggregates, sums them, hands each sum to {@code emit} and empties the
   * buffer.
   */
  void drain(BiConsumer<AggregateKey, CampaignCounts> emit) {
    Map<AggregateKey, CampaignCounts> sums = new LinkedHashMap<>();
    for (Map.Entry<String, CampaignCounts> e : pending.entrySet()) {
      Cell.decode(e.getKey()).expand(e.getValue(), (key, delta) -> sums.merge(key, delta, CampaignCounts::plus));
      store.delete(e.getKey());
    }
    pending.clear();
    sums.forEach(emit);
  }

  int size() {
    return pending.size();
  }
}
