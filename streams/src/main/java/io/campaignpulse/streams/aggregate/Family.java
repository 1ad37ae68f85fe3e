package io.campaignpulse.streams.aggregate;

import io.campaignpulse.streams.StoreNames;

/**
 * The aggregates the pipeline keeps, each in its own queryable store. All are sums of {@code CampaignCounts}
 * per campaign and one more dimension (none for the campaign totals); the windowed ones count only events that
 * arrived within the grace period. The code is part of the internal formats and never changes.
 */
public enum Family {
  /** campaignId: the all-time totals. */
  CAMPAIGN_TOTAL('T', StoreNames.CAMPAIGN_TOTALS, false),
  /** campaignId, local hour ({@code 2024-05-01T10}). */
  CAMPAIGN_HOURLY('H', StoreNames.CAMPAIGN_HOURLY, true),
  /** campaignId, local day ({@code 2024-05-01}). */
  CAMPAIGN_DAILY('D', StoreNames.CAMPAIGN_DAILY, true),
  /** campaignId, goods category: trade-in orders and fair sales. */
  CATEGORY('C', StoreNames.CAMPAIGN_CATEGORIES, false),
  /** campaignId, merchant street: trade-in orders ({@code -} when the street is unknown). */
  STREET('S', StoreNames.CAMPAIGN_STREETS, false),
  /** campaignId, merchantId: trade-in orders and fair sales. */
  MERCHANT('M', StoreNames.CAMPAIGN_MERCHANTS, false),
  /** campaignId, fairId: visitors and sales of one fair. */
  FAIR_TOTAL('F', StoreNames.FAIR_TOTALS, false),
  /** campaignId, fairId, local hour. */
  FAIR_HOURLY('h', StoreNames.FAIR_HOURLY, true),
  /** campaignId, fairId, local day. */
  FAIR_DAILY('d', StoreNames.FAIR_DAILY, true),
  /**
   * campaignId, local hour of an event's time: the net change the events of that hour made to the campaign's
   * totals. Unlike {@link #CAMPAIGN_HOURLY}, where an order's counts move to the hour of its latest version, a new
   * version adds its difference (new contribution minus the previous one) in its own hour, so the sum of the hours
   * before T is the campaign as of T. Late events count here too: the sum of every hour is the totals.
   */
  CAMPAIGN_HOURLY_NET('N', StoreNames.CAMPAIGN_HOURLY_NET, false);

  private static final Family[] BY_CODE = new Family[128];

  static {
    for (Family f : values()) {
      BY_CODE[f.code] = f;
    }
  }

  private final char code;
  private final String storeName;
  private final boolean windowed;

  Family(char code, String storeName, boolean windowed) {
    this.code = code;
    this.storeName = storeName;
    this.windowed = windowed;
  }

  public char code() {
    return code;
  }

  public String storeName() {
    return storeName;
  }

  /** True for the hourly and daily series, which late events do not enter ({@link #CAMPAIGN_HOURLY_NET} is not one). */
  public boolean windowed() {
    return windowed;
  }

  public static Family ofCode(char code) {
    Family f = code < BY_CODE.length ? BY_CODE[code] : null;
    if (f == null) {
      throw new IllegalArgumentException("unknown aggregate family code '" + code + "'");
    }
    return f;
  }
}
