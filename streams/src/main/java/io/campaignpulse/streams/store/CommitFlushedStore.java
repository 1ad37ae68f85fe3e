package io.campaignpulse.streams.store;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store that keeps its working state in memory and writes it to a changelogged, uncached key-value store of the
 * same name in {@link #flushCache()}. Kafka Streams calls that on every store that implements
 * {@link CachedStateStore} (the interface of its own caching layers) before it flushes a task's records and
 * commits the transaction with the input offsets, so what is written is always in step with the committed
 * offsets. {@link #clearCache()} (a recycled task) and {@link #close()} drop the memory; the next use reloads from
 * the store. The lifecycle is the underlying store's.
 */
public abstract class CommitFlushedStore<K, V> implements StateStore, CachedStateStore<K, V> {

  protected final KeyValueStore<K, V> store;

  protected CommitFlushedStore(KeyValueStore<K, V> store) {
    this.store = store;
  }

  /** Writes what changed in memory to the store (and so to its changelog). */
  @Override
  public abstract void flushCache();

  /** Forgets the memory; the store holds what the last flush wrote. */
  @Override
  public abstract void clearCache();

  @Override
  public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
    return false; // nothing downstream listens to these stores
  }

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    store.init(context, root);
  }

  @Override
  public void flush() {
    store.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    store.commit(changelogOffsets);
  }

  @Override
  public void close() {
    clearCache();
    store.close();
  }

  @Override
  public boolean persistent() {
    return store.persistent();
  }

  @Override
  public boolean isOpen() {
    return store.isOpen();
  }

  @Override
  public Position getPosition() {
    return store.getPosition();
  }

  /**
   * Builds a {@code S} around the store {@code inner} builds, which must be uncached (the wrapper is the cache)
   * and changelogged (the wrapper's writes must survive a crash).
   */
  public static <K, V, S extends CommitFlushedStore<K, V>> StoreBuilder<S> builder(
      StoreBuilder<KeyValueStore<K, V>> inner, Function<KeyValueStore<K, V>, S> wrap) {
    return new Builder<>(inner.withCachingDisabled(), wrap);
  }

  private record Builder<K, V, S extends CommitFlushedStore<K, V>>(StoreBuilder<KeyValueStore<K, V>> inner,
      Function<KeyValueStore<K, V>, S> wrap) implements StoreBuilder<S> {

    @Override
    public StoreBuilder<S> withCachingEnabled() {
      // a record cache in front would hold writes past the flush that must carry them into the commit
      throw new IllegalStateException(inner.name() + " is its own cache: Kafka Streams' record cache cannot be added");
    }

    @Override
    public StoreBuilder<S> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
      return new Builder<>(inner.withLoggingEnabled(config), wrap);
    }

    /**
     * Only for throwaway runs (replays): one stream thread, so no task moves, and a failure ends the run. Without a
     * changelog the flushed state would not survive a crash or a move in step with the offsets, so the live
     * pipeline never turns it off.
     */
    @Override
    public StoreBuilder<S> withLoggingDisabled() {
      return new Builder<>(inner.withLoggingDisabled(), wrap);
    }

    @Override
    public S build() {
      return wrap.apply(inner.build());
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
