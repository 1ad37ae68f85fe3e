package io.campaignpulse.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The header was valid and the writer schema known, but the Avro body could not be decoded with
 * it (truncated or corrupt body, or a writer schema the target class cannot read). Bad data.
 */
public class AvroDecodeException extends SerializationException {
  private final int schemaId;

  public AvroDecodeException(int schemaId, String reason, Throwable cause) {
    super("Avro decode failed for schema id " + schemaId + ": " + reason, cause);
    this.schemaId = schemaId;
  }

  /** The writer schema id read from the payload. */
  public int schemaId() {
    return schemaId;
  }
}
