package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.Objects;

/**
 * The finest grain an event counts in: its campaign and, where the input has them, category, street, merchant,
 * fair, and local hour (absent when the event was too late for the series). The per-partition buffer
 * ({@link PendingChanges}) expands each event's cells into the aggregates they count in ({@link #expand}) as the
 * event is added.
 */
final class Cell {

  /** Receives the aggregates a cell counts in: family, dimension inside the campaign, counts. */
  @FunctionalInterface
  interface Sink {
    void accept(Family family, String dimension, CampaignCounts counts);

    /** The local day of a local hour label ({@link Cell#dayOf}); a sink may remember them. */
    default String day(String hour) {
      return dayOf(hour);
    }
  }

  private final String campaignId;
  private final String category;
  private final String street;
  private final String merchantId;
  private final String fairId;
  private final String hour;
  private int hash; // computed on first use: a cell is rarely a map key now

  Cell(String campaignId, String category, String street, String merchantId, String fairId, String hour) {
    this.campaignId = campaignId;
    this.category = category;
    this.street = street;
    this.merchantId = merchantId;
    this.fairId = fairId;
    this.hour = hour;
  }

  static Cell order(String campaignId, String category, String street, String merchantId, String hour) {
    return new Cell(campaignId, category, street, merchantId, null, hour);
  }

  static Cell sale(String campaignId, String category, String merchantId, String fairId, String hour) {
    return new Cell(campaignId, category, null, merchantId, fairId, hour);
  }

  static Cell visit(String campaignId, String fairId, String hour) {
    return new Cell(campaignId, null, null, null, fairId, hour);
  }

  String campaignId() {
    return campaignId;
  }

  String category() {
    return category;
  }

  String street() {
    return street;
  }

  String merchantId() {
    return merchantId;
  }

  String fairId() {
    return fairId;
  }

  String hour() {
    return hour;
  }

  /**
   * Hands each aggregate of its campaign this cell counts in to {@code sink} with {@code delta}: the campaign
   * totals with the event time, the other families with counts alone and only when some count changes.
   */
  void expand(CampaignCounts delta, Sink sink) {
    sink.accept(Family.CAMPAIGN_TOTAL, "", delta);
    if (delta.isZero()) {
      return;
    }
    CampaignCounts counts = delta.at(CampaignCounts.NO_TIME);
    if (category != null) {
      sink.accept(Family.CATEGORY, category, counts);
    }
    if (street != null) {
      sink.accept(Family.STREET, street, counts);
    }
    if (merchantId != null) {
      sink.accept(Family.MERCHANT, merchantId, counts);
    }
    if (fairId != null) {
      sink.accept(Family.FAIR_TOTAL, fairId, counts);
    }
    if (hour != null) {
      String day = sink.day(hour);
      sink.accept(Family.CAMPAIGN_HOURLY, hour, counts);
      sink.accept(Family.CAMPAIGN_DAILY, day, counts);
      if (fairId != null) {
        sink.accept(Family.FAIR_HOURLY, fairId + AggregateKey.SEP + hour, counts);
        sink.accept(Family.FAIR_DAILY, fairId + AggregateKey.SEP + day, counts);
      }
    }
  }

  /** The local day of a local hour label: {@code 2024-05-01} of {@code 2024-05-01T10}. */
  static String dayOf(String hour) {
    return hour.substring(0, hour.indexOf('T'));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cell c && Objects.equals(campaignId, c.campaignId)
        && Objects.equals(category, c.category) && Objects.equals(street, c.street)
        && Objects.equals(merchantId, c.merchantId) && Objects.equals(fairId, c.fairId)
        && Objects.equals(hour, c.hour);
  }

  @Override
  public int hashCode() {
    if (hash == 0) {
      hash = Objects.hash(campaignId, category, street, merchantId, fairId, hour);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "Cell[" + campaignId + ", " + category + ", " + street + ", " + merchantId + ", " + fairId + ", " + hour
        + "]";
  }
}
