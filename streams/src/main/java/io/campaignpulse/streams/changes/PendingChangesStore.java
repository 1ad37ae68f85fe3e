package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.store.CommitFlushedStore;
import io.campaignpulse.streams.store.PreCommitForward;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The store of one stage-one task's {@link PendingChanges}: the buffer lives in memory, and is written to a
 * changelogged in-memory key-value store (chunk index -> snapshot chunk) only when the task commits, so an event
 * costs a map update instead of a store write and a changelog record per cell.
 *
 * <p>How it stays exactly once: as a {@link CommitFlushedStore} it writes its snapshot in the step Kafka Streams
 * runs before it commits the transaction with the input offsets, so the committed snapshot always matches the
 * committed offsets. After a crash the task restores the last committed snapshot and reprocesses the input after
 * those offsets. When the task is recycled (for example into a standby), {@link #clearCache()} drops the memory
 * copy; the next active use reloads it from the restored store.
 */
public final class PendingChangesStore extends CommitFlushedStore<String, byte[]> {

  /** Largest snapshot chunk, well under the default 1 MB record limit. */
  static final int CHUNK_BYTES = 256 * 1024;

  private PendingChanges pending;
  private int writtenChunks;
  private Runnable emitBeforeSnapshot;

  PendingChangesStore(KeyValueStore<String, byte[]> chunks) {
    super(chunks);
  }

  /** A builder for the store {@code name}, changelogged like every other store of the pipeline. */
  public static StoreBuilder<PendingChangesStore> builder(String name) {
    return builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
        Serdes.ByteArray()), PendingChangesStore::new);
  }

  /** The buffer, loaded from the restored snapshot on first use after the task (re)starts. */
  PendingChanges pending() {
    if (pending == null) {
      List<byte[]> restored = new ArrayList<>();
      try (KeyValueIterator<String, byte[]> it = store.all()) {
        while (it.hasNext()) {
          restored.add(it.next().value); // keys sort in chunk order
        }
      }
      writtenChunks = restored.size();
      pending = PendingChanges.restore(restored);
    }
    return pending;
  }

  /**
   * Has the task's processor emit what waits before each pre-commit snapshot ({@link PreCommitForward}), so the
   * commit carries the batches of its events and the snapshot only the clock; null to emit only on the processor's
   * own schedule.
   */
  void emitBeforeSnapshot(Runnable emit) {
    this.emitBeforeSnapshot = emit;
  }

  @Override
  public void flushCache() {
    if (pending == null) {
      return;
    }
    if (emitBeforeSnapshot != null && !pending.isEmpty()) {
      emitBeforeSnapshot.run();
    }
    if (!pending.dirty()) {
      return;
    }
    List<byte[]> snapshot = pending.snapshot(CHUNK_BYTES);
    for (int i = 0; i < snapshot.size(); i++) {
      store.put(chunkKey(i), snapshot.get(i));
    }
    for (int i = snapshot.size(); i < writtenChunks; i++) {
      store.delete(chunkKey(i));
    }
    writtenChunks = snapshot.size();
  }

  @Override
  public void clearCache() {
    pending = null;
    emitBeforeSnapshot = null; // the task's processor registers again when it is initialized again
  }

  private static String chunkKey(int index) {
    return String.format("%08d", index);
  }
}
