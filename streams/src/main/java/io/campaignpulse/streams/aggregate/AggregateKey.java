package io.campaignpulse.streams.aggregate;

/**
 * Where a delta belongs: an aggregate family, the campaign, and the family's dimension (empty for the campaign
 * totals; {@code fairId + SEP + hour} for a fair's hourly series). In the stores the key is
 * {@link #storeKey()}: the campaignId, then {@link #SEP} and the dimension, so one campaign's entries are one
 * prefix and, for the series, sorted by time. Campaign and fair ids cannot contain {@link #SEP}: the input
 * contract rejects control characters in them; the last part of a dimension (a street, a merchant) may hold
 * anything.
 */
public record AggregateKey(Family family, String campaignId, String dimension) {

  /** Separates the parts of a key (the ASCII unit separator). */
  public static final char SEP = '\u001f';

  public static AggregateKey of(Family family, String campaignId, String dimension) {
    return new AggregateKey(family, campaignId, dimension);
  }

  public static AggregateKey of(Family family, String campaignId, String first, String second) {
    return new AggregateKey(family, campaignId, first + SEP + second);
  }

  /** The key in the family's store. */
  public String storeKey() {
    return dimension.isEmpty() ? campaignId : campaignId + SEP + dimension;
  }

  /** The prefix of every store key of one campaign (other than its total). */
  public static String campaignPrefix(String campaignId) {
    return campaignId + SEP;
  }
}
