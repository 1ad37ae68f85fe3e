package io.campaignpulse.producers.kafka;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.producers.sim.SimEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Sends simulated events to their topics: key = the entity id, value = Avro in the wire format (or the raw
 * bytes of a deliberately malformed event), record timestamp = the event's own time. Counts what the broker
 * acknowledged per stream; a failed send is remembered and reported by {@link #flush()}, never ignored.
 */
public final class EventSender implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final Serializer<SpecificRecord> values;
  private final Map<SimEvent.Stream, String> topics = new EnumMap<>(SimEvent.Stream.class);
  private final Map<SimEvent.Stream, LongAdder> acknowledged = new EnumMap<>(SimEvent.Stream.class);
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public EventSender(Producer<String, byte[]> producer, Serializer<SpecificRecord> values, TopicNames names) {
    this.producer = producer;
    this.values = values;
    topics.put(SimEvent.Stream.CAMPAIGNS, names.campaigns());
    topics.put(SimEvent.Stream.ORDERS, names.orders());
    topics.put(SimEvent.Stream.FAIR_VISITS, names.fairVisits());
    topics.put(SimEvent.Stream.FAIR_SALES, names.fairSales());
    for (SimEvent.Stream s : SimEvent.Stream.values()) {
      acknowledged.put(s, new LongAdder());
    }
  }

  public void send(SimEvent event) {
    String topic = topics.get(event.stream());
    byte[] value = event.isMalformed() ? event.malformedBytes() : values.serialize(topic, event.value());
    LongAdder acks = acknowledged.get(event.stream());
    producer.send(new ProducerRecord<>(topic, null, event.timestampMs(), event.key(), value), (metadata, error) -> {
      if (error == null) {
        acks.increment();
      } else {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, error);
      }
    });
  }

  /** Waits for every send so far; throws if any failed. */
  public void flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException(failed.get() + " events could not be sent; first error: " + failure.getMessage(),
          failure);
    }
  }

  public long acknowledged() {
    return acknowledged.values().stream().mapToLong(LongAdder::sum).sum();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
