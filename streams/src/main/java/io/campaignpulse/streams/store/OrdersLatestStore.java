package io.campaignpulse.streams.store;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.changes.OrderReplay;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.OrderState;
import io.campaignpulse.streams.totals.OrderStateSerde;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * {@code orders-latest-store}: RocksDB without a changelog topic of its own. Its changelog is the orders input
 * topic (kept forever, see the topic provisioner), as Kafka Streams does for a source KTable: the pipeline connects
 * the store to the topic ({@code PipelineStreamsBuilder}), Kafka Streams restores it from the topic up to the
 * committed offset, and this store turns those raw records into order states with {@link OrderReplay} before
 * RocksDB stores them. Live processing so writes one RocksDB entry per new order version and no changelog record.
 *
 * <p>Before each commit ({@link #flushCache()}, the hook of Kafka Streams' own caching layers) it stores the
 * partition's event-time clock that the order stage reports ({@link #clockFrom}), which a later restore resumes
 * from.
 */
public final class OrdersLatestStore implements KeyValueStore<Bytes, byte[]>, CachedStateStore<Bytes, byte[]> {

  private static final Bytes CLOCK = Bytes.wrap(OrderReplay.CLOCK_KEY.getBytes(StandardCharsets.UTF_8));

  private final KeyValueStore<Bytes, byte[]> rocks;
  private final String topic;
  private final Deserializer<TradeInOrder> orders;
  private final Duration grace;
  private final Serde<OrderState> states = new OrderStateSerde();
  private OrderReplay replay;
  private LongSupplier clockSource;
  private long writtenClock = CampaignCounts.NO_TIME;

  OrdersLatestStore(KeyValueStore<Bytes, byte[]> rocks, String topic, Deserializer<TradeInOrder> orders,
      Duration grace) {
    this.rocks = rocks;
    this.topic = topic;
    this.orders = orders;
    this.grace = grace;
  }

  /** RocksDB stores named {@code name}, restored from {@code topic} by the counting rules with {@code grace}. */
  public static KeyValueBytesStoreSupplier supplier(String name, String topic, Deserializer<TradeInOrder> orders,
      Duration grace) {
    KeyValueBytesStoreSupplier rocksDb = Stores.persistentKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new OrdersLatestStore(rocksDb.get(), topic, orders, grace);
      }

      @Override
      public String metricsScope() {
        return rocksDb.metricsScope();
      }
    };
  }

  /** This store under a processor's view of it, or null when {@code store} is another kind of store. */
  public static OrdersLatestStore find(StateStore store) {
    StateStore s = store;
    while (s != null) {
      if (s instanceof OrdersLatestStore found) {
        return found;
      }
      s = s instanceof WrappedStateStore<?, ?, ?> wrapped ? wrapped.wrapped() : null;
    }
    return null;
  }

  /** Where {@link #flushCache()} reads the partition's event-time clock from. */
  public void clockFrom(LongSupplier clock) {
    this.clockSource = clock;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    replay = null;
    rocks.init(new Restoring(context), root);
  }

  /** Replays a batch of the orders topic and hands RocksDB's own restore the resulting states and the clock. */
  private void restore(Collection<ConsumerRecord<byte[], byte[]>> batch, StateRestoreCallback rocksRestore) {
    if (batch.isEmpty()) {
      return;
    }
    if (replay == null) {
      byte[] stored = rocks.get(CLOCK);
      replay = new OrderReplay(topic, orders, grace,
          stored == null ? CampaignCounts.NO_TIME : ByteBuffer.wrap(stored).getLong());
    }
    Deserializer<OrderState> reader = states.deserializer();
    Map<String, OrderState> changed = replay.replay(batch, orderId -> {
      byte[] bytes = rocks.get(Bytes.wrap(orderId.getBytes(StandardCharsets.UTF_8)));
      return bytes == null ? null : reader.deserialize(topic, bytes);
    });
    ConsumerRecord<byte[], byte[]> last = null;
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      last = r;
    }
    List<ConsumerRecord<byte[], byte[]>> converted = new ArrayList<>(changed.size() + 1);
    for (Map.Entry<String, OrderState> e : changed.entrySet()) {
      converted.add(new ConsumerRecord<>(last.topic(), last.partition(), last.offset(),
          e.getKey().getBytes(StandardCharsets.UTF_8), states.serializer().serialize(topic, e.getValue())));
    }
    converted.add(new ConsumerRecord<>(last.topic(), last.partition(), last.offset(), CLOCK.get(),
        clockBytes(replay.clock())));
    writtenClock = replay.clock();
    if (rocksRestore instanceof RecordBatchingStateRestoreCallback batching) {
      batching.restoreBatch(converted);
    } else {
      converted.forEach(r -> rocksRestore.restore(r.key(), r.value()));
    }
  }

  private static byte[] clockBytes(long clock) {
    return ByteBuffer.allocate(Long.BYTES).putLong(clock).array();
  }

  /** Stores the clock the order stage reports, when it moved since the last time. */
  @Override
  public void flushCache() {
    if (clockSource == null) {
      return;
    }
    long clock = clockSource.getAsLong();
    if (clock != writtenClock && rocks.isOpen()) {
      rocks.put(CLOCK, clockBytes(clock));
      writtenClock = clock;
    }
  }

  @Override
  public void clearCache() {
    // nothing is kept in memory
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
    return false;
  }

  // --- the rest is RocksDB's ---

  @Override
  public void put(Bytes key, byte[] value) {
    rocks.put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return rocks.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<org.apache.kafka.streams.KeyValue<Bytes, byte[]>> entries) {
    rocks.putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return rocks.delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return rocks.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return rocks.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return rocks.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return rocks.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return rocks.reverseAll();
  }

  @Override
  public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<Bytes, byte[]>
      prefixScan(P prefix, PS prefixKeySerializer) {
    return rocks.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return rocks.approximateNumEntries();
  }

  @Override
  public String name() {
    return rocks.name();
  }

  @Override
  public void flush() {
    rocks.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    rocks.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return rocks.committedOffset(partition);
  }

  @Override
  @SuppressWarnings("deprecation")
  public boolean managesOffsets() {
    return rocks.managesOffsets();
  }

  @Override
  public void close() {
    rocks.close();
  }

  @Override
  public boolean persistent() {
    return rocks.persistent();
  }

  @Override
  public boolean isOpen() {
    return rocks.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return rocks.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return rocks.getPosition();
  }

  /** The context RocksDB initializes with: Kafka Streams' own, except that restored batches come through here. */
  private final class Restoring implements StateStoreContext {

    private final StateStoreContext context;

    Restoring(StateStoreContext context) {
      this.context = context;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback) {
      context.register(store, (RecordBatchingStateRestoreCallback) batch -> restore(batch, callback));
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback, CommitCallback onCommit) {
      context.register(store, (RecordBatchingStateRestoreCallback) batch -> restore(batch, callback), onCommit);
    }

    @Override
    public String applicationId() {
      return context.applicationId();
    }

    @Override
    public TaskId taskId() {
      return context.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return context.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
      return context.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
      return context.valueSerde();
    }

    @Override
    public File stateDir() {
      return context.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
      return context.metrics();
    }

    @Override
    public Map<String, Object> appConfigs() {
      return context.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
      return context.appConfigsWithPrefix(prefix);
    }
  }
}
