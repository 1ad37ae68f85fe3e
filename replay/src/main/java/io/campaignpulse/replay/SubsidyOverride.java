package io.campaignpulse.replay;

import io.campaignpulse.avro.Category;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A what-if subsidy rule for one goods category: either a rate of the purchase price (in basis points) with an
 * optional cap, or a fixed amount per order. Like the programme's own rules, the subsidy is rounded down to whole
 * yuan and never exceeds the price. Integer fen throughout.
 *
 * <p>Written on the command line as {@code CATEGORY=RATE%} or {@code CATEGORY=RATE%:CAP} (cap in yuan), or
 * {@code CATEGORY=AMOUNT} for a fixed amount in yuan: {@code HOME_APPLIANCE=20%:2000}, {@code AUTO=20000}.
 */
public record SubsidyOverride(Category category, int rateBp, long capFen, long fixedFen) {

  private static final Pattern RATE = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)%(?::(\\d{1,9}))?");
  private static final Pattern FIXED = Pattern.compile("(\\d{1,9})");

  public SubsidyOverride {
    Objects.requireNonNull(category, "category");
    if (rateBp < 0 || rateBp > 10_000 || capFen < 0 || fixedFen < 0) {
      throw new IllegalArgumentException("a subsidy rule needs a rate of 0-100% and amounts of 0 or more");
    }
    if ((fixedFen > 0) == (rateBp > 0)) {
      throw new IllegalArgumentException("a subsidy rule is either a rate or a fixed amount");
    }
  }

  /** Parses {@code CATEGORY=RATE%[:CAP]} or {@code CATEGORY=AMOUNT}; the message says what is wrong. */
  public static SubsidyOverride parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("expected CATEGORY=RATE%[:CAP_YUAN] or CATEGORY=AMOUNT_YUAN, got '" + text + "'");
    }
    String name = text.substring(0, eq).trim().toUpperCase(Locale.ROOT).replace('-', '_');
    Category category;
    try {
      category = Category.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown category '" + text.substring(0, eq) + "'; one of "
          + java.util.Arrays.toString(Category.values()), e);
    }
    String rule = text.substring(eq + 1).trim();
    Matcher rate = RATE.matcher(rule);
    if (rate.matches()) {
      int bp = new BigDecimal(rate.group(1)).movePointRight(2).intValueExact();
      if (bp == 0 || bp > 10_000) {
        throw new IllegalArgumentException("the rate must be above 0% and at most 100%: '" + text + "'");
      }
      long cap = rate.group(2) == null ? 0 : Long.parseLong(rate.group(2)) * 100;
      return new SubsidyOverride(category, bp, cap, 0);
    }
    Matcher fixed = FIXED.matcher(rule);
    if (fixed.matches() && Long.parseLong(fixed.group(1)) > 0) {
      return new SubsidyOverride(category, 0, 0, Long.parseLong(fixed.group(1)) * 100);
    }
    throw new IllegalArgumentException("expected RATE% (e.g. 15%), RATE%:CAP_YUAN (15%:2000) or a fixed amount in "
        + "yuan (20000) after '" + text.substring(0, eq + 1) + "', got '" + rule + "'");
  }

  /** The subsidy of a purchase of {@code priceFen} under this rule. */
  public long subsidyFen(long priceFen) {
    long fen;
    if (fixedFen > 0) {
      fen = fixedFen;
    } else {
      fen = Math.multiplyExact(priceFen, (long) rateBp) / 10_000L;
      if (capFen > 0) {
        fen = Math.min(fen, capFen);
      }
    }
    fen = fen / 100L * 100L;
    return Math.max(0, Math.min(fen, priceFen));
  }

  /** As written on the command line, normalised: {@code HOME_APPLIANCE=20%:2000}. */
  @Override
  public String toString() {
    if (fixedFen > 0) {
      return category + "=" + fixedFen / 100;
    }
    String rate = BigDecimal.valueOf(rateBp).movePointLeft(2).stripTrailingZeros().toPlainString() + "%";
    return category + "=" + rate + (capFen > 0 ? ":" + capFen / 100 : "");
  }
}
