package io.campaignpulse.serde;

import io.campaignpulse.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not be reached or answered with a server error (5xx), even after the
 * client's retries. Not a {@link org.apache.kafka.common.errors.SerializationException}: the record
 * is not known to be bad, so it must not be skipped as poison data; fail or retry later instead.
 * The cause is the {@link SchemaRegistryException}.
 */
public class RegistryUnavailableException extends RetriableException {
  public RegistryUnavailableException(String message, SchemaRegistryException cause) {
    super(message, cause);
  }
}
