package io.campaignpulse.streams.decode;

/**
 * One input record after decoding and validation: either a valid value, or the original bytes with the
 * reason they were rejected (bound for the dead-letter topic).
 */
public record Decoded<T>(T value, byte[] rawValue, String reason) {

  public static <T> Decoded<T> valid(T value) {
    return new Decoded<>(value, null, null);
  }

  public static <T> Decoded<T> rejected(byte[] rawValue, String reason) {
    return new Decoded<>(null, rawValue, reason);
  }

  public boolean isValid() {
    return reason == null;
  }
}
