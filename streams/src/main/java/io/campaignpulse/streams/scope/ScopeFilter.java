package io.campaignpulse.streams.scope;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of a replay's input: forwards the raw records within the scope's end offsets, before anything is
 * decoded, and counts the others.
 */
public final class ScopeFilter implements FixedKeyProcessor<String, byte[], byte[]> {

  private final InputScope scope;
  private FixedKeyProcessorContext<String, byte[]> context;
  private String topic;
  private int partition = -1;
  private long end;

  public ScopeFilter(InputScope scope) {
    this.scope = scope;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElseThrow(
        () -> new IllegalStateException("a replay reads its inputs from topics: no record metadata"));
    if (source.partition() != partition || !source.topic().equals(topic)) {
      // a task reads one partition per source topic: look its end up once, not per record
      topic = source.topic();
      partition = source.partition();
      end = scope.endOffset(topic, partition);
    }
    if (source.offset() < end) {
      scope.counters().countRead();
      context.forward(record);
    } else {
      scope.counters().countBeyondEnd();
    }
  }
}
