package io.campaignpulse.streams.changes;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.Validators;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.totals.OrderState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Rebuilds {@code orders-latest-store} from the orders topic, which is its changelog: the raw records in offset
 * order, up to the committed offset (Kafka Streams stops a source-topic changelog's restore there), through the
 * same rules as decoding ({@code DecodeProcessor}) and {@link OrderChangeProcessor} apply live, without the deltas.
 * A record that does not decode or validate is passed over, as live it went to the dead letters; every valid
 * order moves the partition's event-time clock ({@link PendingChanges#observe}); a version not above the stored
 * one changes nothing; a new one is stored with whether it was on time for its hour and day, measured against the
 * clock as live. So the rebuilt store equals, order by order, what live processing had written up to that offset
 * (tested against it in {@code OrderReplayTest}).
 *
 * <p>The clock itself is kept in the store under {@link #CLOCK_KEY} (a blank orderId is never valid): written at
 * every commit and after every restored batch, so a restore that resumes from a checkpoint continues from the
 * clock at that offset.
 *
 * <p>A registry outage while decoding is not a bad record: {@link io.campaignpulse.serde.RegistryUnavailableException}
 * goes up and fails the restore, which Kafka Streams retries with a new stream thread.
 */
public final class OrderReplay {

  /** The store key of the clock; never an orderId, since a blank orderId does not validate. */
  public static final String CLOCK_KEY = "";

  private final String topic;
  private final Deserializer<TradeInOrder> values;
  private final long graceMs;
  private long clock;

  /** A replay of {@code topic} that continues from {@code clock} ({@link CampaignCounts#NO_TIME} when none). */
  public OrderReplay(String topic, Deserializer<TradeInOrder> values, Duration grace, long clock) {
    this.topic = topic;
    this.values = values;
    this.graceMs = grace.toMillis();
    this.clock = clock;
  }

  /**
   * The order states a batch of raw records (in offset order) changes, the last per orderId, in the order they
   * were first changed; {@code stored} reads what the store held before the batch.
   */
  public Map<String, OrderState> replay(Collection<ConsumerRecord<byte[], byte[]>> batch,
      Function<String, OrderState> stored) {
    Map<String, OrderState> changed = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      TradeInOrder order = decode(record);
      if (order == null) {
        continue;
      }
      long eventTime = order.getEventTime().toEpochMilli();
      if (eventTime > clock) {
        clock = eventTime;
      }
      String orderId = order.getOrderId();
      OrderState previous = changed.containsKey(orderId) ? changed.get(orderId) : stored.apply(orderId);
      if (previous != null && order.getVersion() <= previous.version()) {
        continue;
      }
      boolean late = clock - eventTime > graceMs; // PendingChanges.lateness: the clock is known by now
      changed.put(orderId, OrderState.of(order, !late));
    }
    return changed;
  }

  /** The partition's event-time clock after the records replayed so far. */
  public long clock() {
    return clock;
  }

  /** The valid order a record holds, or null when live processing sent it to the dead letters. */
  private TradeInOrder decode(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    TradeInOrder order;
    try {
      order = values.deserialize(topic, record.headers(), record.value());
    } catch (SerializationException e) {
      return null;
    }
    return order == null || Validators.ORDER.problem(key, order) != null ? null : order;
  }
}
