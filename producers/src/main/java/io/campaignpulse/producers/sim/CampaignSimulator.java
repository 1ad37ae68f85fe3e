package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.producers.sim.FaultInjector.Genuine;
import io.campaignpulse.producers.sim.Scenario.CampaignSpec;
import io.campaignpulse.producers.sim.SimEvent.Stream;
import io.campaignpulse.producers.sim.TruthTracker.OrderIntent;
import io.campaignpulse.producers.sim.TruthTracker.SaleIntent;
import io.campaignpulse.producers.sim.TruthTracker.VisitIntent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * Simulates a {@link Scenario} year: first every campaign definition, then trade-in order status
 * changes, fair gate counts and fair sales, in event-time order (apart from injected late and
 * out-of-order faults), as {@link SimEvent}s. Deterministic: the same scenario and seed give the same
 * events and the same ground truth.
 *
 * <p>Lazy: days are generated one at a time as the events are consumed; memory holds one day's events
 * plus the order status changes still to come (a few thousand at full scale), never the whole year.
 * A simulator is single-pass: {@link #events()} may be called once.
 *
 * <p>{@link #groundTruth()} is the ground truth of exactly the events emitted so far, so a consumer may
 * stop at any point (a count, a time) and compare; {@link #drain()} emits the rest without returning it.
 * Not thread-safe: read it from one thread.
 */
public final class CampaignSimulator {

  private final Scenario scenario;
  private final long seed;
  private final SeasonCalendar calendar;
  private final TradeInGenerator orders;
  private final FairGenerator fairs;
  private final FaultInjector faults;
  private final TruthTracker truth;
  private final List<Campaign> definitions;
  private final ArrayDeque<SimEvent> pendingDefinitions = new ArrayDeque<>();
  private final EventQueue queue = new EventQueue();
  private LocalDate nextDay;
  private long frontierMs;
  private boolean started;

  /** A simulator of {@code scenario} (validated here) drawing from {@code seed}. */
  public CampaignSimulator(Scenario scenario, long seed) {
    this.scenario = scenario.validate();
    this.seed = seed;
    this.calendar = new SeasonCalendar(scenario);
    MerchantDirectory merchants = new MerchantDirectory(scenario.merchants());
    this.orders = new TradeInGenerator(scenario, calendar, merchants, seed);
    this.fairs = new FairGenerator(scenario, calendar, merchants, seed);
    this.faults = new FaultInjector(scenario.faults(), seed);
    this.truth = new TruthTracker(scenario.campaigns());
    this.nextDay = scenario.firstDay();
    this.frontierMs = calendar.dayStartMs(nextDay);
    List<Campaign> campaigns = new ArrayList<>();
    for (CampaignSpec spec : scenario.campaigns()) {
      Campaign campaign = definition(spec);
      campaigns.add(campaign);
      pendingDefinitions.add(SimEvent.of(Stream.CAMPAIGNS, spec.campaignId(), campaign, frontierMs));
    }
    this.definitions = List.copyOf(campaigns);
  }

  public Scenario scenario() {
    return scenario;
  }

  public long seed() {
    return seed;
  }

  /** The campaign definitions, as published first on the CAMPAIGNS stream. */
  public List<Campaign> campaigns() {
    return definitions;
  }

  /**
   * The events of the year, lazily, in send order.
   *
   * @throws IllegalStateException if the events were already requested
   */
  public Iterator<SimEvent> events() {
    if (started) {
      throw new IllegalStateException("a CampaignSimulator is single-pass; create a new one to replay");
    }
    started = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return hasMore();
      }

      @Override
      public SimEvent next() {
        return emitNext();
      }
    };
  }

  /** {@link #events()} as an ordered, sequential stream. */
  public java.util.stream.Stream<SimEvent> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events(),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * The timestamp of the event {@code events().next()} would return, without emitting it (so without counting
   * it in the ground truth); empty when the simulation is over. Lets a caller stop before an event-time limit.
   */
  public java.util.OptionalLong peekTimestamp() {
    if (!hasMore()) {
      return java.util.OptionalLong.empty();
    }
    SimEvent next = pendingDefinitions.isEmpty() ? queue.peek().event() : pendingDefinitions.peek();
    return java.util.OptionalLong.of(next.timestampMs());
  }

  /** The ground truth of the events emitted so far. */
  public GroundTruth groundTruth() {
    return truth.snapshot();
  }

  /** Emits (and discards) the remaining events; returns the ground truth of the whole year. */
  public GroundTruth drain() {
    started = true;
    while (hasMore()) {
      emitNext();
    }
    return groundTruth();
  }

  private boolean hasMore() {
    if (!pendingDefinitions.isEmpty()) {
      return true;
    }
    while (true) {
      EventQueue.Entry head = queue.peek();
      if (head != null && head.sendMs() < frontierMs) {
        return true;
      }
      if (nextDay.isAfter(scenario.lastDay())) {
        if (frontierMs == Long.MAX_VALUE) {
          return false;
        }
        // after the last day: flush what faults delayed beyond it
        frontierMs = Long.MAX_VALUE;
        continue;
      }
      generate(nextDay);
      nextDay = nextDay.plusDays(1);
      frontierMs = calendar.dayStartMs(nextDay);
    }
  }

  private SimEvent emitNext() {
    if (!hasMore()) {
      throw new NoSuchElementException("the simulation is over");
    }
    SimEvent event;
    if (!pendingDefinitions.isEmpty()) {
      event = pendingDefinitions.poll();
    } else {
      EventQueue.Entry entry = queue.poll();
      if (entry.intent() != null) {
        truth.apply(entry.intent());
      }
      event = entry.event();
    }
    truth.countEmitted();
    return event;
  }

  private void generate(LocalDate day) {
    for (PlannedOrder order : orders.day(day)) {
      List<Genuine> versions = new ArrayList<>(order.steps().size());
      for (int version = 1; version <= order.steps().size(); version++) {
        OrderLifecycle.Step step = order.steps().get(version - 1);
        versions.add(new Genuine(
            SimEvent.of(Stream.ORDERS, order.orderId(), order.event(version), step.timeMs()),
            new OrderIntent(order.orderId(), version, order.campaignId(), step.status(), order.purchaseFen(),
                order.subsidyFen())));
      }
      faults.scheduleOrder(versions, queue);
    }
    FairGenerator.DayActivity activity = fairs.day(day);
    for (FairVisit v : activity.visits()) {
      faults.schedule(new Genuine(
          SimEvent.of(Stream.FAIR_VISITS, v.getFairId(), v, v.getEventTime().toEpochMilli()),
          new VisitIntent(v.getCampaignId(), v.getFairId(), v.getVisitors())), queue);
    }
    for (FairSale s : activity.sales()) {
      faults.schedule(new Genuine(
          SimEvent.of(Stream.FAIR_SALES, s.getFairId(), s, s.getEventTime().toEpochMilli()),
          new SaleIntent(s.getCampaignId(), s.getFairId(), s.getAmountFen())), queue);
    }
  }

  private Campaign definition(CampaignSpec spec) {
    return Campaign.newBuilder()
        .setCampaignId(spec.campaignId())
        .setName(spec.name())
        .setKind(spec.kind())
        .setRegion(spec.region())
        .setStartTime(Instant.ofEpochMilli(calendar.dayStartMs(spec.firstDay())))
        .setEndTime(Instant.ofEpochMilli(calendar.dayStartMs(spec.lastDay().plusDays(1))))
        .setSubsidyBudgetFen(scenario.scaledFen(spec.subsidyBudgetYuan()))
        .setAlertThresholdsPercent(spec.alertThresholdsPercent())
        .setSeries(spec.series())
        .build();
  }
}
