package io.campaignpulse.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the topology did with records that did not simply count: dead letters and late events per
 * source topic, duplicate and stale order versions, repeated fair reports, waits for the schema registry; and the
 * changelog records read into each store, restored into an active store or applied to a standby replica
 * ({@link RestoreTracker}). Shared by all stream threads of one instance; read by the API and exported as metrics.
 * Like Kafka's own sensors, a record reprocessed after an aborted transaction is counted again.
 */
public final class PipelineMetrics {

  private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> lateEvents = new ConcurrentHashMap<>();
  private final LongAdder duplicateOrders = new LongAdder();
  private final LongAdder staleOrders = new LongAdder();
  private final LongAdder repeatedFairSales = new LongAdder();
  private final LongAdder repeatedFairVisits = new LongAdder();
  private final Map<String, LongAdder> registryWaits = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> restoredRecords = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> standbyRecords = new ConcurrentHashMap<>();

  public void deadLetter(String sourceTopic) {
    deadLetters.computeIfAbsent(sourceTopic, t -> new LongAdder()).increment();
  }

  /** An event that counted in the all-time aggregates but was too late for its hour and day. */
  public void lateEvent(String sourceTopic) {
    lateEvents.computeIfAbsent(sourceTopic, t -> new LongAdder()).increment();
  }

  /** A record of this input topic had to wait for the schema registry (unreachable, or 5xx). */
  public void registryWait(String sourceTopic) {
    registryWaits.computeIfAbsent(sourceTopic, t -> new LongAdder()).increment();
  }

  public long registryWaits() {
    return registryWaits.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long registryWaits(String sourceTopic) {
    LongAdder adder = registryWaits.get(sourceTopic);
    return adder == null ? 0 : adder.sum();
  }

  public long lateEvents() {
    return lateEvents.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long lateEvents(String sourceTopic) {
    LongAdder adder = lateEvents.get(sourceTopic);
    return adder == null ? 0 : adder.sum();
  }

  public void duplicateOrder() {
    duplicateOrders.increment();
  }

  public void staleOrder() {
    staleOrders.increment();
  }

  public void repeatedFairSale() {
    repeatedFairSales.increment();
  }

  public void repeatedFairVisit() {
    repeatedFairVisits.increment();
  }

  public long deadLetters() {
    return deadLetters.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long deadLetters(String sourceTopic) {
    LongAdder adder = deadLetters.get(sourceTopic);
    return adder == null ? 0 : adder.sum();
  }

  public long duplicateOrders() {
    return duplicateOrders.sum();
  }

  public long staleOrders() {
    return staleOrders.sum();
  }

  public long repeatedFairSales() {
    return repeatedFairSales.sum();
  }

  public long repeatedFairVisits() {
    return repeatedFairVisits.sum();
  }

  /** Changelog records restored into an active copy of {@code store}. */
  public void restored(String store, long records) {
    restoredRecords.computeIfAbsent(store, s -> new LongAdder()).add(records);
  }

  public long restoredRecords(String store) {
    LongAdder adder = restoredRecords.get(store);
    return adder == null ? 0 : adder.sum();
  }

  public long restoredRecords() {
    return restoredRecords.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Changelog records applied to a standby replica of {@code store}. */
  public void standbyUpdated(String store, long records) {
    standbyRecords.computeIfAbsent(store, s -> new LongAdder()).add(records);
  }

  public long standbyRecords(String store) {
    LongAdder adder = standbyRecords.get(store);
    return adder == null ? 0 : adder.sum();
  }
}
