package io.campaignpulse.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The payload names a schema id the registry does not know (registry error code 40403). Usually
 * bad data, or a consumer pointed at a different registry than the producer.
 */
public class UnknownSchemaIdException extends SerializationException {
  private final int schemaId;

  public UnknownSchemaIdException(int schemaId, Throwable cause) {
    super("unknown schema id " + schemaId, cause);
    this.schemaId = schemaId;
  }

  /** The schema id read from the payload. */
  public int schemaId() {
    return schemaId;
  }
}
