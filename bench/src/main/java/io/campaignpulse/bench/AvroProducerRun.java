package io.campaignpulse.bench;

import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.serde.SerdeConfig;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Side A, the project's path: a {@code KafkaProducer<String, SpecificRecord>} whose value serializer is
 * {@link AvroWireSerializer} against the schema registry, so the Avro encoding happens inside {@code send} on the
 * sending thread exactly as in production. Counts only what the broker acknowledged, and the serialized key and
 * value bytes of those records (from {@code RecordMetadata}).
 *
 * <p>Timed like Kafka's tool: from before the first {@code send} (the first one waits for metadata) until
 * {@code close()} returned, i.e. everything is acknowledged. The schema is registered under the fresh topic's
 * subject before the clock starts: in production that is one registry round trip per process, not per record.
 */
public final class AvroProducerRun {

  /** Our producer's client id. */
  static final String CLIENT_ID = "bench-avro-producer";

  private final String schemaRegistryUrl;

  public AvroProducerRun(String schemaRegistryUrl) {
    this.schemaRegistryUrl = schemaRegistryUrl;
  }

  /** Sends the first {@code count} records of {@code corpus} to {@code topic}. */
  public Result run(OrderCorpus corpus, int count, String topic, ProducerSettings settings) {
    KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        settings.producerConfig(CLIENT_ID), new StringSerializer(), registeredSerializer(topic, corpus));
    Acks acks = new Acks();
    ProducerStats stats;
    long start = System.nanoTime();
    try {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, corpus.key(i), corpus.value(i)), acks);
      }
      producer.flush();
      stats = ProducerStats.of(producer.metrics());
    } finally {
      producer.close();
    }
    long elapsed = System.nanoTime() - start;
    if (acks.failure.get() != null || acks.records != count) {
      throw new BenchException("our producer lost records: " + acks.records + " of " + count
          + " acknowledged" + (acks.failure.get() == null ? "" : "; first error: " + acks.failure.get()),
          acks.failure.get());
    }
    return new Result(Throughput.of(acks.records, acks.bytes, elapsed), stats);
  }

  /** A value serializer (closed by the producer) that has registered the records' schema for {@code topic}. */
  private AvroWireSerializer<SpecificRecord> registeredSerializer(String topic, OrderCorpus corpus) {
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    try {
      values.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl), false);
      values.serialize(topic, corpus.value(0)); // registers the schema, caches its id
      return values;
    } catch (RuntimeException e) {
      values.close();
      throw e;
    }
  }

  /** A run's throughput and its producer's batch figures. */
  public record Result(Throughput throughput, ProducerStats stats) {
  }

  /**
   * One callback for every record: counts acknowledgements and their bytes, keeps the first failure. As cheap as
   * Kafka's tool's callback: plain fields, since successes complete only on the producer's network thread and are
   * read after {@code close()} has joined it; a failure may also complete on the sending thread.
   */
  private static final class Acks implements Callback {
    long records;
    long bytes;
    final AtomicReference<Exception> failure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
      if (error != null) {
        failure.compareAndSet(null, error);
        return;
      }
      records++;
      bytes += Math.max(0, metadata.serializedKeySize()) + Math.max(0, metadata.serializedValueSize());
    }
  }
}
