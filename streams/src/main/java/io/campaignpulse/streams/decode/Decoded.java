package io.campaignpulse.streams.decode;

/**
 * One input record after decoding and validation: the original bytes, and either the valid value or the reason
 * it was rejected (bound for the dead-letter topic). Valid records keep their bytes too, so a late event can be
 * copied to the late-events topic exactly as it arrived.
 */
public record Decoded<T>(T value, byte[] rawValue, String reason) {

  public static <T> Decoded<T> valid(T value, byte[] rawValue) {
    return new Decoded<>(value, rawValue, null);
  }

  public static <T> Decoded<T> rejected(byte[] rawValue, String reason) {
    return new Decoded<>(null, rawValue, reason);
  }

  public boolean isValid() {
    return reason == null;
  }
}
