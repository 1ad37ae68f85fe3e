package io.campaignpulse.embedded;

/**
 * Thrown when a local service (broker, registry) cannot be prepared, started or stopped. The message is meant to be
 * read by a person: it says what failed and, for a child process, ends with the last lines of its log.
 */
public class EmbeddedServiceException extends RuntimeException {

  public EmbeddedServiceException(String message) {
    super(message);
  }

  public EmbeddedServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
