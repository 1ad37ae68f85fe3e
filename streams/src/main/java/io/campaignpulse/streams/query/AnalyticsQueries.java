package io.campaignpulse.streams.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What can be asked of the live aggregates. Implementations throw
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the stores are not queryable.
 * Periods are local to the analytics' time zone; ranges include both ends.
 */
public interface AnalyticsQueries {

  /** Every campaign that is defined or has counted events, ordered by id. */
  List<CampaignView> all();

  /** One campaign, if it is defined or has counted events. */
  Optional<CampaignView> get(String campaignId);

  /**
   * One campaign as of {@code asOf}, at hour resolution: the sum of its net hourly changes over every local hour
   * that ended at or before {@code asOf} (late events included), see {@link AsOfView}. Zero counts before its
   * first event, the current totals after its last. Empty when the campaign is neither defined nor counted.
   */
  Optional<AsOfView> asOf(String campaignId, Instant asOf);

  /** Daily counts of a campaign from {@code from} to {@code to}; days without events are absent. */
  List<Bucket> daily(String campaignId, LocalDate from, LocalDate to);

  /** Hourly counts of a campaign between two local hours (minutes ignored). */
  List<Bucket> hourly(String campaignId, LocalDateTime from, LocalDateTime to);

  /** Counts per goods category (trade-in orders and fair sales), largest consumption first. */
  List<Bucket> categories(String campaignId);

  /** Counts per merchant street (trade-in orders; "-" when unknown), largest consumption first. */
  List<Bucket> streets(String campaignId);

  /** The {@code limit} merchants with the largest consumption (ties by merchantId). */
  List<Bucket> topMerchants(String campaignId, int limit);

  /** The campaign's fairs, by fairId. */
  List<FairView> fairs(String campaignId);

  /** Daily visitors and sales of one fair. */
  List<Bucket> fairDaily(String campaignId, String fairId);

  /** Hourly visitors and sales of one fair. */
  List<Bucket> fairHourly(String campaignId, String fairId);

  /** A campaign's budget alerts, in the order they were raised. */
  List<AlertView> alerts(String campaignId);

  /** The latest {@code limit} budget alerts of every campaign, {@link AlertView#NEWEST_FIRST}. */
  List<AlertView> recentAlerts(int limit);

  /** The campaigns of a series (e.g. a seasonal market held every year), one per year, with growth. */
  List<SeriesYear> series(String series);
}
