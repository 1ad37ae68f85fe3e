package io.campaignpulse.streams.decode;

import io.campaignpulse.contract.RecordValidator;
import io.campaignpulse.serde.RegistryUnavailableException;
import io.campaignpulse.streams.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes the raw bytes of an input topic and validates the result. A valid record continues with its event
 * time as the record timestamp, so stream time is event time (records without an event time, such as campaign
 * definitions, keep their own timestamp); anything else continues as a rejection with
 * dead-letter headers naming its source and the reason. Bad input never throws. A registry that cannot be reached
 * says nothing about the record: decoding waits for it ({@link RegistryWait}), and only when the wait is over does
 * the {@link io.campaignpulse.serde.RegistryUnavailableException} go up, failing the stream thread, which resumes
 * from the last commit.
 */
public final class DecodeProcessor<T> implements FixedKeyProcessor<String, byte[], Decoded<T>> {

  private final String topic;
  private final Deserializer<T> deserializer;
  private final RecordValidator<T> validator;
  private final Function<T, Instant> eventTime;
  private final PipelineMetrics metrics;
  private final RegistryWait registryWait;
  private FixedKeyProcessorContext<String, Decoded<T>> context;

  public DecodeProcessor(String topic, Deserializer<T> deserializer, RecordValidator<T> validator,
      Function<T, Instant> eventTime, PipelineMetrics metrics, RegistryWait registryWait) {
    this.topic = topic;
    this.deserializer = deserializer;
    this.validator = validator;
    this.eventTime = eventTime;
    this.metrics = metrics;
    this.registryWait = registryWait;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Decoded<T>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    String reason;
    T value = null;
    if (record.value() == null) {
      reason = "null value: a tombstone is not an event";
    } else {
      try {
        value = decode(record);
        reason = validator.problem(record.key(), value);
      } catch (SerializationException e) {
        reason = e.getMessage();
      }
    }
    if (reason == null) {
      Instant time = eventTime.apply(value);
      FixedKeyRecord<String, Decoded<T>> valid = record.withValue(Decoded.valid(value, record.value()));
      context.forward(time == null ? valid : valid.withTimestamp(time.toEpochMilli()));
    } else {
      metrics.deadLetter(topic);
      context.forward(record.withValue(Decoded.<T>rejected(record.value(), reason))
          .withHeaders(deadLetterHeaders(record.headers(), reason)));
    }
  }

  private T decode(FixedKeyRecord<String, byte[]> record) {
    try {
      return deserializer.deserialize(topic, record.headers(), record.value());
    } catch (RegistryUnavailableException e) {
      return registryWait.retry(e, () -> deserializer.deserialize(topic, record.headers(), record.value()),
          this::where, () -> metrics.registryWait(topic));
    }
  }

  /** The record's place, for the log: {@code topic-partition@offset}. */
  private String where() {
    RecordMetadata source = context.recordMetadata().orElse(null);
    return source == null ? "a record of " + topic
        : "record " + source.topic() + "-" + source.partition() + "@" + source.offset();
  }

  private Headers deadLetterHeaders(Headers original, String reason) {
    Headers headers = original;
    RecordMetadata source = context.recordMetadata().orElse(null);
    if (source != null) {
      headers.remove(DeadLetterHeaders.SOURCE_TOPIC).add(DeadLetterHeaders.SOURCE_TOPIC, utf8(source.topic()));
      headers.remove(DeadLetterHeaders.SOURCE_PARTITION)
          .add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
      headers.remove(DeadLetterHeaders.SOURCE_OFFSET)
          .add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    }
    headers.remove(DeadLetterHeaders.REASON).add(DeadLetterHeaders.REASON, utf8(reason));
    return headers;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
