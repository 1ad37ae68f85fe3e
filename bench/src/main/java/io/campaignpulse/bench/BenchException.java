package io.campaignpulse.bench;

/** A benchmark run that cannot give a valid figure (lost records, a tool that failed); reported as one line. */
public final class BenchException extends RuntimeException {

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
