package io.campaignpulse.producers.sim;

/** Readable sequential ids: a prefix and a zero-padded number, e.g. {@code TI-2024-000123}. */
final class Ids {

  private Ids() {
  }

  static String padded(String prefix, long number, int width) {
    String digits = Long.toString(number);
    StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }
}
