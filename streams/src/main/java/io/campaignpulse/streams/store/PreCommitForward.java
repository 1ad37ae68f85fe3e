package io.campaignpulse.streams.store;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Lets a processor forward records from its store's pre-commit flush ({@link CommitFlushedStore#flushCache()}), as
 * Kafka Streams' own caching layers forward theirs (its {@code TimestampedCacheFlushListener}): the flush runs
 * outside any processor, so the forwarding is wrapped in the processor's node and a record context of its own (no
 * source topic, partition or offset, as in a punctuation). Records forwarded there are sent before the task's
 * records are flushed and its offsets committed, in the same transaction.
 */
public final class PreCommitForward {

  private PreCommitForward() {
  }

  /**
   * Wraps {@code forwarding} to run from a flush, or returns null when {@code context} is not Kafka Streams' own
   * (a unit test's mock context): then nothing forwards at commits. Call it from the processor's {@code init},
   * while Kafka Streams has the processor's node as the current one.
   */
  public static Runnable wrap(ProcessorContext<?, ?> context, Runnable forwarding) {
    if (!(context instanceof InternalProcessorContext<?, ?> internal) || internal.currentNode() == null) {
      return null;
    }
    ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
    return () -> {
      ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
      ProcessorRecordContext previousContext = internal.recordContext();
      internal.setCurrentNode(node);
      internal.setRecordContext(new ProcessorRecordContext(internal.currentSystemTimeMs(), -1L, -1, null,
          new RecordHeaders()));
      try {
        forwarding.run();
      } finally {
        internal.setRecordContext(previousContext);
        internal.setCurrentNode(previousNode);
      }
    };
  }
}
