package io.campaignpulse.producers.sim;

import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record the simulator asks to send: the stream (topic) it belongs to, its key, its Avro value and
 * its timestamp (the event time, epoch milliseconds).
 *
 * <p>A malformed event ({@link Fault#MALFORMED}) has no value but {@link #malformedBytes()}: bytes that
 * are not a valid record of the stream, to be sent as the raw record value. {@link #fault()} tells which
 * injected fault, if any, produced the event; a consumer under test should not look at it.
 *
 * @param stream         the stream the event belongs to
 * @param key            campaignId, orderId, fairId or fairId, by stream
 * @param value          the Avro record; null exactly when the event is malformed
 * @param timestampMs    event time in epoch milliseconds (for a malformed event: when it was sent)
 * @param malformedBytes raw bytes of a malformed event; null otherwise
 * @param fault          the fault that produced this event, {@link Fault#NONE} for a regular event
 */
public record SimEvent(Stream stream, String key, SpecificRecord value, long timestampMs, byte[] malformedBytes,
                       Fault fault) {

  /** The four input streams of the pipeline. */
  public enum Stream { CAMPAIGNS, ORDERS, FAIR_VISITS, FAIR_SALES }

  /** Why an event deviates from a clean, ordered, once-only delivery. */
  public enum Fault {
    /** A regular event. */
    NONE,
    /** The identical second send of the event just before. */
    DUPLICATE,
    /** An order version sent after its successor version. */
    OUT_OF_ORDER,
    /** An event sent hours or days after its event time. */
    LATE,
    /** Bytes that do not decode as a record of the stream. */
    MALFORMED
  }

  public SimEvent {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fault, "fault");
    if ((value == null) == (malformedBytes == null)) {
      throw new IllegalArgumentException("exactly one of value and malformedBytes must be set");
    }
    if ((malformedBytes != null) != (fault == Fault.MALFORMED)) {
      throw new IllegalArgumentException("malformed bytes go with fault MALFORMED, and only with it");
    }
  }

  /** A regular event. */
  public static SimEvent of(Stream stream, String key, SpecificRecord value, long timestampMs) {
    return new SimEvent(stream, key, Objects.requireNonNull(value, "value"), timestampMs, null, Fault.NONE);
  }

  /** A malformed event carrying {@code bytes} instead of a record. */
  public static SimEvent malformed(Stream stream, String key, byte[] bytes, long timestampMs) {
    return new SimEvent(stream, key, null, timestampMs, bytes.clone(), Fault.MALFORMED);
  }

  /** The same event, attributed to {@code newFault} (not for MALFORMED). */
  SimEvent as(Fault newFault) {
    return new SimEvent(stream, key, value, timestampMs, malformedBytes, newFault);
  }

  /** Whether this event carries bytes instead of a record. */
  public boolean isMalformed() {
    return malformedBytes != null;
  }

  /** A copy of the malformed bytes, or null. */
  @Override
  public byte[] malformedBytes() {
    return malformedBytes == null ? null : malformedBytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimEvent e
        && stream == e.stream && key.equals(e.key) && Objects.equals(value, e.value)
        && timestampMs == e.timestampMs && Arrays.equals(malformedBytes, e.malformedBytes) && fault == e.fault;
  }

  @Override
  public int hashCode() {
    return Objects.hash(stream, key, value, timestampMs, Arrays.hashCode(malformedBytes), fault);
  }

  @Override
  public String toString() {
    return "SimEvent[" + stream + " key=" + key + " ts=" + timestampMs + " fault=" + fault + " "
        + (value != null ? value : malformedBytes.length + " malformed bytes") + "]";
  }
}
