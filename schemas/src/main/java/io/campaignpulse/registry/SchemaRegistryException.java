package io.campaignpulse.registry;

/**
 * A failed schema registry call: either the registry answered with an error, or it could not be
 * reached at all.
 *
 * <p>Carries the HTTP status, the registry's numeric {@code error_code} (Confluent convention:
 * 40401 subject not found, 40403 schema not found, 409 incompatible schema, 42201 invalid schema,
 * ...) and the registry's own message. When the registry was unreachable (connection refused,
 * timeout) {@link #httpStatus()} is {@link #NO_RESPONSE} and {@link #isUnreachable()} is true.
 * Use {@link #isTransient()} to tell failures worth retrying later (unreachable, 5xx) from
 * definitive answers (4xx).
 */
public class SchemaRegistryException extends RuntimeException {

  /** {@link #httpStatus()} when no HTTP response was received. */
  public static final int NO_RESPONSE = 0;

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  private final int httpStatus;
  private final int errorCode;
  private final String registryMessage;

  /**
   * An error answer of the registry.
   *
   * @param location        the registry URL (or other location) the answer came from
   * @param httpStatus      the HTTP status
   * @param errorCode       the registry's {@code error_code}; the HTTP status when it gave none
   * @param registryMessage the registry's {@code message}
   */
  public SchemaRegistryException(String location, int httpStatus, int errorCode,
      String registryMessage) {
    super("schema registry " + location + ": " + httpStatus + " error_code=" + errorCode + ": "
        + registryMessage);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
  }

  private SchemaRegistryException(String message, String reason, Throwable cause) {
    super(message, cause);
    this.httpStatus = NO_RESPONSE;
    this.errorCode = NO_RESPONSE;
    this.registryMessage = reason;
  }

  /** The registry at {@code location} could not be reached ({@code reason}, e.g. "Connection refused"). */
  public static SchemaRegistryException unreachable(String location, String reason,
      Throwable cause) {
    return new SchemaRegistryException(
        "schema registry at " + location + " unreachable: " + reason, reason, cause);
  }

  /** The HTTP status, or {@link #NO_RESPONSE} when the registry was unreachable. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code}, or {@link #NO_RESPONSE} when it was unreachable. */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's own message, or the reason it was unreachable. */
  public String registryMessage() {
    return registryMessage;
  }

  /** True when no HTTP response was received. */
  public boolean isUnreachable() {
    return httpStatus == NO_RESPONSE;
  }

  /** True when the failure may go away by itself: unreachable registry or HTTP 5xx. */
  public boolean isTransient() {
    return isUnreachable() || httpStatus >= 500;
  }
}
