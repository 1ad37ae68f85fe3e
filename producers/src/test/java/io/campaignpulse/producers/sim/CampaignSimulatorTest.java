package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.sim.SimEvent.Fault;
import io.campaignpulse.producers.sim.SimEvent.Stream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CampaignSimulatorTest {

  private static final long SEED = 2024L;
  private static Scenario small;

  @BeforeAll
  static void loadScenario() {
    small = Scenario.defaultScenario().scaled(0.03);
  }

  private static List<SimEvent> all(CampaignSimulator sim) {
    List<SimEvent> events = new ArrayList<>();
    sim.events().forEachRemaining(events::add);
    return events;
  }

  @Test
  void shouldEmitIdenticalEventsAndGroundTruthForTheSameSeed() {
    // Given two simulators of the same scenario (with faults) and seed
    Scenario faulty = small.withFaults(Faults.uniform(0.02));
    CampaignSimulator first = new CampaignSimulator(faulty, SEED);
    CampaignSimulator second = new CampaignSimulator(faulty, SEED);

    // When both run to the end
    List<SimEvent> a = all(first);
    List<SimEvent> b = all(second);

    // Then the event sequences and the ground truths are identical
    assertThat(a).hasSizeGreaterThan(10_000).isEqualTo(b);
    assertThat(first.groundTruth()).isEqualTo(second.groundTruth());
  }

  @Test
  void shouldEmitDifferentEventsForADifferentSeed() {
    // Given two simulators that differ only in seed
    // When both run
    List<SimEvent> a = all(new CampaignSimulator(small, 1L));
    List<SimEvent> b = all(new CampaignSimulator(small, 2L));

    // Then the campaign definitions agree but the events differ
    assertThat(a.subList(0, 13)).isEqualTo(b.subList(0, 13));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void shouldPublishEveryCampaignDefinitionBeforeAnyEvent() {
    // Given a simulator
    CampaignSimulator sim = new CampaignSimulator(small, SEED);

    // When the events are read
    List<SimEvent> events = all(sim);

    // Then the first ones are the campaign definitions, keyed by campaignId, and no campaign comes later
    int campaigns = small.campaigns().size();
    assertThat(events.subList(0, campaigns)).allSatisfy(e -> {
      assertThat(e.stream()).isEqualTo(Stream.CAMPAIGNS);
      assertThat(e.key()).isEqualTo(((Campaign) e.value()).getCampaignId());
    });
    assertThat(events.subList(campaigns, events.size())).noneMatch(e -> e.stream() == Stream.CAMPAIGNS);
    Campaign auto = sim.campaigns().get(0);
    assertThat(auto.getSubsidyBudgetFen()).isEqualTo(72_000_000L * 100 * 3 / 100);
    assertThat(auto.getStartTime()).isEqualTo(Instant.parse("2024-04-25T16:00:00Z"));
    assertThat(auto.getEndTime()).isEqualTo(Instant.parse("2024-12-31T16:00:00Z"));
  }

  @Test
  void shouldEmitEventsInTimestampOrderExceptLateAndOutOfOrderFaults() {
    // Given a simulator with every fault
    CampaignSimulator sim = new CampaignSimulator(small.withFaults(Faults.uniform(0.03)), SEED);

    // When the events are read
    List<SimEvent> events = all(sim);

    // Then the events not delayed by a fault are in non-decreasing timestamp order,
    // and each delayed one is older than the events sent before it
    long streamTime = Long.MIN_VALUE;
    int olderThanStream = 0;
    int delayed = 0;
    for (SimEvent e : events) {
      if (e.fault() == Fault.LATE || e.fault() == Fault.OUT_OF_ORDER) {
        delayed++;
        if (e.timestampMs() < streamTime) {
          olderThanStream++;
        }
        continue;
      }
      assertThat(e.timestampMs()).as("timestamp of %s", e).isGreaterThanOrEqualTo(streamTime);
      streamTime = e.timestampMs();
    }
    assertThat(delayed).isPositive();
    assertThat(olderThanStream).isGreaterThan(delayed * 9 / 10);
  }

  @Test
  void shouldNumberEachOrdersVersionsFromOneUpByOne() {
    // Given a fault-free run
    List<SimEvent> events = all(new CampaignSimulator(small, SEED));

    // When the versions of each order are collected in emission order
    Map<String, List<TradeInOrder>> byOrder = new HashMap<>();
    events.stream().filter(e -> e.stream() == Stream.ORDERS)
        .forEach(e -> byOrder.computeIfAbsent(e.key(), k -> new ArrayList<>()).add((TradeInOrder) e.value()));

    // Then they are 1, 2, 3... and the order's attributes never change between versions
    assertThat(byOrder).isNotEmpty();
    byOrder.forEach((id, versions) -> {
      for (int i = 0; i < versions.size(); i++) {
        TradeInOrder v = versions.get(i);
        assertThat(v.getOrderId()).isEqualTo(id).matches("TI-2024-\\d{6}");
        assertThat(v.getVersion()).isEqualTo(i + 1);
        assertThat(v.getPurchaseAmountFen()).isEqualTo(versions.get(0).getPurchaseAmountFen());
        assertThat(v.getSubsidyAmountFen()).isEqualTo(versions.get(0).getSubsidyAmountFen());
        assertThat(v.getCampaignId()).isEqualTo(versions.get(0).getCampaignId());
        if (i > 0) {
          assertThat(v.getEventTime()).isAfter(versions.get(i - 1).getEventTime());
        }
      }
    });
  }

  @Test
  void shouldKeepEveryVersionOfEveryOrderWhenFaultsReorderThem() {
    // Given a run with faults
    List<SimEvent> events = all(new CampaignSimulator(small.withFaults(Faults.uniform(0.05)), SEED));

    // When the distinct versions of each order are collected
    Map<String, Set<Integer>> versions = new HashMap<>();
    events.stream().filter(e -> e.stream() == Stream.ORDERS && !e.isMalformed())
        .forEach(e -> versions.computeIfAbsent(e.key(), k -> new TreeSet<>())
            .add(((TradeInOrder) e.value()).getVersion()));

    // Then each order has versions 1..n without gaps
    versions.values().forEach(v -> assertThat(v).first().isEqualTo(1));
    versions.values().forEach(v -> assertThat(((TreeSet<Integer>) v).last()).isEqualTo(v.size()));
  }

  @Test
  void shouldNeverGrantMoreSubsidyThanThePurchaseNorAnyNegativeAmount() {
    // Given a fault-free run
    List<SimEvent> events = all(new CampaignSimulator(small, SEED));

    // When amounts are inspected
    // Then every amount is positive and every subsidy within its purchase
    assertThat(events).filteredOn(e -> e.stream() == Stream.ORDERS).allSatisfy(e -> {
      TradeInOrder o = (TradeInOrder) e.value();
      assertThat(o.getPurchaseAmountFen()).isPositive();
      assertThat(o.getSubsidyAmountFen()).isPositive().isLessThanOrEqualTo(o.getPurchaseAmountFen());
      assertThat(o.getSubsidyAmountFen() % 100).isZero();
    });
    assertThat(events).filteredOn(e -> e.stream() == Stream.FAIR_SALES)
        .allSatisfy(e -> assertThat(((FairSale) e.value()).getAmountFen()).isPositive());
    assertThat(events).filteredOn(e -> e.stream() == Stream.FAIR_VISITS)
        .allSatisfy(e -> assertThat(((FairVisit) e.value()).getVisitors()).isNotNegative());
  }

  @Test
  void shouldGiveEverySaleAUniqueIdAndEveryGateOneReportPerOpenHour() {
    // Given a fault-free run
    List<SimEvent> events = all(new CampaignSimulator(small, SEED));

    // When sales and gate reports are collected
    Set<String> saleIds = new HashSet<>();
    Set<String> reports = new HashSet<>();
    int sales = 0;
    int visits = 0;
    for (SimEvent e : events) {
      if (e.value() instanceof FairSale s) {
        sales++;
        saleIds.add(s.getSaleId());
        assertThat(e.key()).isEqualTo(s.getFairId());
      } else if (e.value() instanceof FairVisit v) {
        visits++;
        reports.add(v.getFairId() + "|" + v.getGateId() + "|" + v.getEventTime());
        assertThat(e.key()).isEqualTo(v.getFairId());
        assertThat(v.getEventTime().toEpochMilli() % SeasonCalendar.HOUR_MS).isZero();
      }
    }

    // Then sale ids and (fair, gate, hour) reports never repeat
    assertThat(saleIds).hasSize(sales);
    assertThat(reports).hasSize(visits);
    assertThat(saleIds).allMatch(id -> id.matches("FS-2024-\\d{7}"));
  }

  @Test
  void shouldInjectFaultsAtRoughlyTheirRatesWithoutChangingTheGroundTruth() {
    // Given the same scenario and seed without and with faults at 5%
    double rate = 0.05;
    CampaignSimulator clean = new CampaignSimulator(small, SEED);
    CampaignSimulator faulty = new CampaignSimulator(small.withFaults(new Faults(rate, rate, rate, rate, 48)), SEED);

    // When both run to the end
    List<SimEvent> cleanEvents = all(clean);
    List<SimEvent> faultyEvents = all(faulty);

    // Then each fault hits about 5% of the events it applies to
    Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
    faultyEvents.forEach(e -> faults.merge(e.fault(), 1, Integer::sum));
    long genuine = cleanEvents.stream().filter(e -> e.stream() != Stream.CAMPAIGNS).count();
    long orderEvents = cleanEvents.stream().filter(e -> e.stream() == Stream.ORDERS).count();
    long orders = cleanEvents.stream().filter(e -> e.stream() == Stream.ORDERS).map(SimEvent::key).distinct().count();
    assertThat(faults.get(Fault.DUPLICATE) / (double) genuine).isCloseTo(rate, within(0.01));
    assertThat(faults.get(Fault.LATE) / (double) genuine).isCloseTo(rate, within(0.01));
    assertThat(faults.get(Fault.MALFORMED) / (double) genuine).isCloseTo(rate, within(0.01));
    double outOfOrderShare = faults.get(Fault.OUT_OF_ORDER) / (double) (orderEvents - orders);
    assertThat(outOfOrderShare).isCloseTo(rate, within(0.015));
    assertThat(faultyEvents).filteredOn(SimEvent::isMalformed)
        .allSatisfy(e -> assertThat(e.value()).isNull())
        .allSatisfy(e -> assertThat(e.malformedBytes()).isNotEmpty());

    // and the ground truth is the same as without faults (apart from the number of events emitted)
    GroundTruth a = clean.groundTruth();
    GroundTruth b = faulty.groundTruth();
    assertThat(b.emittedEvents()).isEqualTo(faultyEvents.size()).isGreaterThan(a.emittedEvents());
    assertThat(b.total()).isEqualTo(a.total());
    assertThat(b.campaigns()).isEqualTo(a.campaigns());
    assertThat(b.byKind()).isEqualTo(a.byKind());
    assertThat(b.fairs()).isEqualTo(a.fairs());
  }

  @Test
  void shouldMatchAnIndependentFoldOfTheEmittedEventsWhenStoppedEarly() {
    // Given a run with every fault, stopped after a number of events or at an instant
    for (long stopAfter : new long[] {0, 1, 14, 500, 7_777, 20_000}) {
      CampaignSimulator sim = new CampaignSimulator(small.withFaults(Faults.uniform(0.04)), SEED);
      IndependentFold fold = new IndependentFold();
      Iterator<SimEvent> events = sim.events();

      // When the emitted events are folded under the counting rules
      for (long i = 0; i < stopAfter && events.hasNext(); i++) {
        fold.accept(events.next());
      }

      // Then the simulator's ground truth equals the fold
      assertTruthEqualsFold(sim.groundTruth(), fold, stopAfter);
    }
  }

  @Test
  void shouldMatchAnIndependentFoldWhenStoppedAtAnInstant() {
    // Given a run with faults, consumed until the first event at or after National Day
    CampaignSimulator sim = new CampaignSimulator(small.withFaults(Faults.uniform(0.04)), SEED);
    IndependentFold fold = new IndependentFold();
    long until = Instant.parse("2024-09-30T16:00:00Z").toEpochMilli();
    long count = 0;
    Iterator<SimEvent> events = sim.events();

    // When events are folded up to that instant
    while (events.hasNext()) {
      SimEvent e = events.next();
      fold.accept(e);
      count++;
      if (e.fault() == Fault.NONE && e.timestampMs() >= until) {
        break;
      }
    }

    // Then the ground truth is that of the events emitted, some orders still pending
    GroundTruth truth = sim.groundTruth();
    assertTruthEqualsFold(truth, fold, count);
    assertThat(truth.total().pendingOrders()).isPositive();
    assertThat(truth.total().orders()).isLessThan(new CampaignSimulator(small, SEED).drain().total().orders());
  }

  @Test
  void shouldBeSinglePass() {
    // Given a simulator whose events were requested
    CampaignSimulator sim = new CampaignSimulator(small, SEED);
    sim.events();

    // When they are requested again
    // Then it refuses
    assertThatThrownBy(sim::events).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldDrainTheRestAndReturnTheWholeYearsTruth() {
    // Given a simulator read partway
    CampaignSimulator partly = new CampaignSimulator(small, SEED);
    Iterator<SimEvent> events = partly.events();
    for (int i = 0; i < 1000; i++) {
      events.next();
    }

    // When it is drained
    GroundTruth drained = partly.drain();

    // Then the truth equals a full run's and the iterator is exhausted
    GroundTruth full = new CampaignSimulator(small, SEED).drain();
    assertThat(drained).isEqualTo(full);
    assertThat(events.hasNext()).isFalse();
  }

  private static void assertTruthEqualsFold(GroundTruth truth, IndependentFold fold, long emitted) {
    assertThat(truth.emittedEvents()).as("emitted after %d", emitted).isEqualTo(emitted);
    assertThat(truth.campaigns()).as("campaigns after %d events", emitted)
        .isEqualTo(fold.campaigns(small.campaigns()));
    assertThat(truth.fairs()).as("fairs after %d events", emitted).isEqualTo(fold.fairs());
    GroundTruth.Totals sum = GroundTruth.Totals.zero(GroundTruth.TOTAL_ID, null);
    for (GroundTruth.Totals t : fold.campaigns(small.campaigns()).values()) {
      sum = sum.plus(t);
    }
    assertThat(truth.total()).isEqualTo(sum);
  }

  @Test
  void peekingShowsTheNextTimestampWithoutCountingTheEvent() {
    // Given a simulator part-way through its events
    CampaignSimulator sim = new CampaignSimulator(small, SEED);
    Iterator<SimEvent> events = sim.events();
    for (int i = 0; i < 500; i++) {
      events.next();
    }
    GroundTruth before = sim.groundTruth();

    // When the next timestamp is peeked, twice
    long peeked = sim.peekTimestamp().orElseThrow();

    // Then nothing was emitted, and the next event has that timestamp
    assertThat(sim.peekTimestamp().orElseThrow()).isEqualTo(peeked);
    assertThat(sim.groundTruth()).isEqualTo(before);
    assertThat(events.next().timestampMs()).isEqualTo(peeked);
  }

  @Test
  void peekingAtTheEndIsEmpty() {
    CampaignSimulator sim = new CampaignSimulator(small, SEED);
    sim.drain();

    assertThat(sim.peekTimestamp()).isEmpty();
  }
}
