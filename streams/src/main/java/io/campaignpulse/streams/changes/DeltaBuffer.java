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
 * Sums the deltas of one partition per aggregate between two emits, so the per-campaign stage receives one
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

  void add(AggregateKey key, CampaignCounts delta) {
    String encoded = key.encode();
    CampaignCounts sum = pending.merge(encoded, delta, CampaignCounts::plus);
    store.put(encoded, sum);
  }

  /** Hands every pending sum to {@code emit} and empties the buffer. */
  void drain(BiConsumer<AggregateKey, CampaignCounts> emit) {
    for (Map.Entry<String, CampaignCounts> e : pending.entrySet()) {
      emit.accept(AggregateKey.decode(e.getKey()), e.getValue());
      store.delete(e.getKey());
    }
    pending.clear();
  }

  int size() {
    return pending.size();
  }
}
