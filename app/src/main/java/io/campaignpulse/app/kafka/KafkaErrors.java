package io.campaignpulse.app.kafka;

import java.util.ArrayList;
import java.util.List;

/** Kafka client errors as one line for an operator. */
public final class KafkaErrors {

  private static final int MAX_PARTS = 4;

  private KafkaErrors() {
  }

  /**
   * The messages of the error and its causes, outermost first, each said once (so the {@code ExecutionException} of
   * an Admin future, which only repeats its cause, is not said at all): a client that cannot be created
   * says why its trust store cannot be read ("Failed to load SSL keystore ... : keystore password was incorrect"),
   * a failed TLS handshake says which check failed ("SSL handshake failed: PKIX path building failed ...", "No
   * subject alternative names matching IP address ..."). Kafka's messages never hold a password.
   */
  public static String describe(Throwable error) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = error; t != null && parts.size() < MAX_PARTS; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null || message.isBlank()) {
        continue;
      }
      if (t.getCause() != null && message.equals(t.getCause().toString())) {
        continue; // a wrapper that only repeats its cause
      }
      if (!parts.isEmpty() && parts.get(parts.size() - 1).contains(message)) {
        continue;
      }
      parts.add(message);
    }
    return parts.isEmpty() ? error.toString() : String.join(": ", parts);
  }
}
