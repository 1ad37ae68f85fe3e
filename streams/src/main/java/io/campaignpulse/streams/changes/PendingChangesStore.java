package io.campaignpulse.streams.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The store of one stage-one task's {@link PendingChanges}: the buffer lives in memory, and is written to a
 * changelogged in-memory key-value store (chunk index -> snapshot chunk) only when the task commits, so an event
 * costs a map update instead of a store write and a changelog record per cell.
 *
 * <p>How it stays exactly once: Kafka Streams flushes the caches of a task's stores (it calls
 * {@link #flushCache()} on every store that has one) before it flushes the task's records and commits the
 * transaction with the input offsets. Taking part in that step as a cache (implementing
 * {@link CachedStateStore}, an interface of Kafka Streams' own store layers), the store writes its snapshot into
 * the same transaction, so the committed snapshot always matches the committed offsets. After a crash the task
 * restores the last committed snapshot and reprocesses the input after those offsets. When the task is recycled
 * (for example into a standby), {@link #clearCache()} drops the memory copy; the next active use reloads it from
 * the restored store.
 */
public final class PendingChangesStore implements StateStore, CachedStateStore<String, byte[]> {

  /** Largest snapshot chunk, well under the default 1 MB record limit. */
  static final int CHUNK_BYTES = 256 * 1024;

  private final KeyValueStore<String, byte[]> chunks;
  private PendingChanges pending;
  private int writtenChunks;

  PendingChangesStore(KeyValueStore<String, byte[]> chunks) {
    this.chunks = chunks;
  }

  /** A builder for the store {@code name}, changelogged like every other store of the pipeline. */
  public static StoreBuilder<PendingChangesStore> builder(String name) {
    return new Builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
        Serdes.ByteArray()).withCachingDisabled());
  }

  /** The buffer, loaded from the restored snapshot on first use after the task (re)starts. */
  PendingChanges pending() {
    if (pending == null) {
      List<byte[]> restored = new ArrayList<>();
      try (KeyValueIterator<String, byte[]> it = chunks.all()) {
        while (it.hasNext()) {
          restored.add(it.next().value); // keys sort in chunk order
        }
      }
      writtenChunks = restored.size();
      pending = PendingChanges.restore(restored);
    }
    return pending;
  }

  @Override
  public void flushCache() {
    if (pending == null || !pending.dirty()) {
      return;
    }
    List<byte[]> snapshot = pending.snapshot(CHUNK_BYTES);
    for (int i = 0; i < snapshot.size(); i++) {
      chunks.put(chunkKey(i), snapshot.get(i));
    }
    for (int i = snapshot.size(); i < writtenChunks; i++) {
      chunks.delete(chunkKey(i));
    }
    writtenChunks = snapshot.size();
  }

  @Override
  public void clearCache() {
    pending = null;
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
    return false; // nothing downstream listens to this store
  }

  private static String chunkKey(int index) {
    return String.format("%08d", index);
  }

  @Override
  public String name() {
    return chunks.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    chunks.init(context, root);
  }

  @Override
  public void flush() {
    chunks.flush();
  }

  @Override
  public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
    chunks.commit(changelogOffsets);
  }

  @Override
  public void close() {
    pending = null;
    chunks.close();
  }

  @Override
  public boolean persistent() {
    return chunks.persistent();
  }

  @Override
  public boolean isOpen() {
    return chunks.isOpen();
  }

  @Override
  public Position getPosition() {
    return chunks.getPosition();
  }

  /** Builds the store around a changelogged, uncached in-memory key-value store of the same name. */
  private record Builder(StoreBuilder<KeyValueStore<String, byte[]>> inner)
      implements StoreBuilder<PendingChangesStore> {

    @Override
    public StoreBuilder<PendingChangesStore> withCachingEnabled() {
      throw new UnsupportedOperationException("the pending-changes store is its own cache");
    }

    @Override
    public StoreBuilder<PendingChangesStore> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<PendingChangesStore> withLoggingEnabled(Map<String, String> config) {
      return new Builder(inner.withLoggingEnabled(config));
    }

    @Override
    public StoreBuilder<PendingChangesStore> withLoggingDisabled() {
      throw new UnsupportedOperationException("the pending-changes store must be changelogged");
    }

    @Override
    public PendingChangesStore build() {
      return new PendingChangesStore(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
