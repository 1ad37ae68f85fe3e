package io.campaignpulse.streams.decode;

/**
 * Headers every dead letter carries, so an operator can find the original record and see why it was
 * rejected. The record's key and value are the original bytes; its timestamp is the original timestamp.
 */
public final class DeadLetterHeaders {

  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  public static final String REASON = "dlq.reason";

  private DeadLetterHeaders() {
  }
}
