package io.campaignpulse.streams.aggregate;

import io.campaignpulse.streams.store.CommitFlushedStore;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.CampaignCountsSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The store of one aggregate family on a campaign partition, with its own object cache in front of a changelogged,
 * uncached key-value store (RocksDB or in memory). {@link #add} sums a delta into the cached value, a map update
 * without serialization; the changed sums are written to the store, and so to its changelog, at the pre-commit
 * flush of a {@link CommitFlushedStore}. Recently used sums stay cached for the next batches.
 *
 * <p>Interactive queries read the underlying store: what the last flush wrote, like every other store of the
 * pipeline; the cache is only touched by the stream thread.
 */
public final class CountsStore extends CommitFlushedStore<String, CampaignCounts>
    implements ReadOnlyKeyValueStore<String, CampaignCounts> {

  /** Clean sums kept in memory per store (per task), least recently used evicted first. */
  static final int CLEAN_CAPACITY = 20_000;

  private final Map<String, CampaignCounts> dirty = new HashMap<>();
  private final Map<String, CampaignCounts> clean = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CampaignCounts> eldest) {
      return size() > CLEAN_CAPACITY;
    }
  };

  CountsStore(KeyValueStore<String, CampaignCounts> store) {
    super(store);
  }

  /** A builder for the store {@code name} on RocksDB, or in memory. */
  public static StoreBuilder<CountsStore> builder(String name, boolean inMemory) {
    KeyValueBytesStoreSupplier supplier = inMemory ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name);
    return builder(Stores.keyValueStoreBuilder(supplier, Serdes.String(), new CampaignCountsSerde()),
        CountsStore::new);
  }

  /** Adds {@code delta} to the sum under {@code key} (absent counts as zero) and returns the new sum. */
  public CampaignCounts add(String key, CampaignCounts delta) {
    CampaignCounts current = dirty.get(key);
    if (current == null) {
      current = clean.remove(key);
      if (current == null) {
        current = store.get(key);
      }
    }
    CampaignCounts next = current == null ? delta : current.plus(delta);
    dirty.put(key, next);
    return next;
  }

  @Override
  public void flushCache() {
    if (dirty.isEmpty()) {
      return;
    }
    List<KeyValue<String, CampaignCounts>> writes = new ArrayList<>(dirty.size());
    dirty.forEach((key, sum) -> writes.add(KeyValue.pair(key, sum)));
    store.putAll(writes);
    clean.putAll(dirty);
    dirty.clear();
  }

  @Override
  public void clearCache() {
    dirty.clear();
    clean.clear();
  }

  // Reads, for interactive queries: the underlying store.

  @Override
  public CampaignCounts get(String key) {
    return store.get(key);
  }

  @Override
  public KeyValueIterator<String, CampaignCounts> range(String from, String to) {
    return store.range(from, to);
  }

  @Override
  public KeyValueIterator<String, CampaignCounts> reverseRange(String from, String to) {
    return store.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, CampaignCounts> all() {
    return store.all();
  }

  @Override
  public KeyValueIterator<String, CampaignCounts> reverseAll() {
    return store.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<String, CampaignCounts> prefixScan(P prefix,
      PS prefixKeySerializer) {
    return store.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return store.approximateNumEntries();
  }
}
