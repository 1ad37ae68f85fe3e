package io.campaignpulse.replay;

/** A replay that could not run to its end; the message says why, in one line. */
public final class ReplayException extends RuntimeException {

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
