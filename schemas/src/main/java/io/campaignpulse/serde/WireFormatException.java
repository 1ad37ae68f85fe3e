package io.campaignpulse.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The payload is not in the Confluent wire format: shorter than the 5-byte header or not starting
 * with the magic byte 0. The record is bad data (e.g. JSON written by another producer); retrying
 * will not help.
 */
public class WireFormatException extends SerializationException {
  public WireFormatException(String message) {
    super(message);
  }
}
