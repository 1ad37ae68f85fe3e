package io.campaignpulse.contract;

/** Formats integer fen as yuan for people, exactly: 123456 fen is "1,234.56". No floating point. */
public final class Money {

  private Money() {
  }

  public static String yuan(long fen) {
    String sign = fen < 0 ? "-" : "";
    long abs = Math.abs(fen);
    return String.format("%s%,d.%02d", sign, abs / 100, abs % 100);
  }
}
