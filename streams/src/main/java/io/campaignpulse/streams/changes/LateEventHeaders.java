package io.campaignpulse.streams.changes;

/**
 * Headers of a record on the late-events topic (values UTF-8 text). The record itself is the event's original
 * key and bytes; the event counted in the all-time aggregates but not in its hour and day.
 */
public final class LateEventHeaders {

  public static final String SOURCE_TOPIC = "late.source.topic";
  public static final String SOURCE_PARTITION = "late.source.partition";
  public static final String SOURCE_OFFSET = "late.source.offset";
  /** The latest event time of the source partition when the event arrived, epoch milliseconds. */
  public static final String PARTITION_EVENT_TIME = "late.partition.event.time";
  /** How far the event was behind that time, milliseconds. */
  public static final String LATE_BY_MS = "late.by.ms";

  private LateEventHeaders() {
  }
}
