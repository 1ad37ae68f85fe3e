package io.campaignpulse.producers.ingest;

/** A row that cannot become a valid event; the message is the reason written to the rejects file. */
public final class RejectedLineException extends RuntimeException {

  public RejectedLineException(String reason) {
    super(reason, null, false, false); // a rejected row is data, not a bug: no stack trace
  }
}
