package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.totals.CampaignCounts;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event-time clock of one input partition: the latest event time among its valid events so far. Lateness
 * is measured against it rather than against Kafka's stream time, which follows record timestamps: a producer
 * that stamps records with the wall clock would otherwise make every historical event late. The clock is kept
 * in the stage's buffer store under a reserved key (an encoded {@link Cell} starts with a digit or '-'), so it
 * survives restarts in step with the input offsets.
 */
final class EventClock {

  /** Reserved key of the clock in the buffer store. */
  static final String KEY = "\u0000event-clock";

  private final KeyValueStore<String, CampaignCounts> store;
  private long now;

  EventClock(KeyValueStore<String, CampaignCounts> store) {
    this.store = store;
    CampaignCounts saved = store.get(KEY);
    this.now = saved == null ? CampaignCounts.NO_TIME : saved.lastEventTime();
  }

  /** Moves the clock to {@code eventTime} if that is later. */
  void observe(long eventTime) {
    if (eventTime > now) {
      now = eventTime;
      store.put(KEY, CampaignCounts.ZERO.at(eventTime));
    }
  }

  /** How far {@code eventTime} is behind the clock (0 or negative when it is not). */
  long lateness(long eventTime) {
    return now == CampaignCounts.NO_TIME ? 0 : now - eventTime;
  }

  long now() {
    return now;
  }
}
