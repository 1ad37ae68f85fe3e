package io.campaignpulse.app.kafka;

/** A service the run needs is missing or misconfigured; its message is the one line the user sees. */
public final class StartupException extends RuntimeException {

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }

  public StartupException(String message) {
    super(message);
  }
}
