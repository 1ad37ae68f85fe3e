package io.campaignpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.alerts.AlertSettings;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random order sequences (duplicates, out-of-order versions, cancellations, refunds, campaign moves, late events)
 * against random budgets, thresholds and re-arm margins, through the topology; the alerts must equal those of a
 * plain reference that recomputes each campaign's granted and pending subsidy from scratch after every event
 * (from the latest version of every order, not from deltas) and applies the threshold and exposure rules to that
 * series.
 */
class BudgetAlertsPropertyTest {

  private static Map<String, List<String>> byCampaign(List<String> alerts) {
    Map<String, List<String>> by = new java.util.TreeMap<>();
    alerts.forEach(a -> by.computeIfAbsent(a.substring(0, a.indexOf(':')), c -> new ArrayList<>()).add(a));
    return by;
  }

  private static final long BASE_SEED = Long.getLong("budget.seed", 20_250_601L);
  private static final int SEQUENCES = Integer.getInteger("budget.sequences", 200);

  static Stream<Arguments> sequences() {
    Random seeds = new Random(BASE_SEED);
    return IntStream.range(0, SEQUENCES).mapToObj(i -> Arguments.of(seeds.nextLong(), 1 + seeds.nextInt(300)));
  }

  @ParameterizedTest(name = "seed {0}, {1} events")
  @MethodSource("sequences")
  void alertsAgreeWithTheReference(long seed, int size) {
    Random random = new Random(seed);
    List<TradeInOrder> orders = RandomEvents.generate(random, size).stream()
        .filter(TradeInOrder.class::isInstance).map(TradeInOrder.class::cast).toList();
    int rearm = random.nextInt(11);
    AlertSettings settings = new AlertSettings(rearm, Duration.ofDays(3), Duration.ZERO);
    Map<String, Campaign> campaigns = campaigns(orders, random);
    Reference reference = new Reference(campaigns, rearm);
    // emitting only when the test says so (not at each of the test driver's per-record commits)
    try (PipelineHarness pipeline = new PipelineHarness(
        AnalyticsSettings.defaults().withInMemoryStores().withEmitOnCommit(false), settings)) {
      campaigns.values().forEach(c -> pipeline.campaign(c, Events.T0.minusSeconds(3600)));
      // stage one sends a campaign's subsidy changes in batches, one per emit: several orders per emit at random
      int untilEmit = 1 + random.nextInt(5);
      for (TradeInOrder o : orders) {
        pipeline.order(o);
        reference.order(o);
        if (--untilEmit == 0) {
          pipeline.flush();
          untilEmit = 1 + random.nextInt(5);
        }
      }
      pipeline.flush();
      // a campaign's alerts come in the order its changes were applied; campaigns interleave by batch
      Map<String, List<String>> actual = byCampaign(pipeline.alerts.readValuesToList().stream()
          .map(BudgetAlertsPropertyTest::describe).toList());
      assertThat(actual).as("rearm %d, budgets %s", rearm, reference.budgets)
          .isEqualTo(byCampaign(reference.alerts));
    }
  }

  /** Each campaign the orders name, with a budget around its peak granted subsidy and random thresholds. */
  private static Map<String, Campaign> campaigns(List<TradeInOrder> orders, Random random) {
    Map<String, Long> peak = new TreeMap<>();
    Reference dry = new Reference(Map.of(), 0);
    for (TradeInOrder o : orders) {
      dry.order(o);
      dry.granted.forEach((c, g) -> peak.merge(c, g, Math::max));
      peak.putIfAbsent(o.getCampaignId(), 0L);
    }
    Map<String, Campaign> result = new TreeMap<>();
    peak.forEach((id, g) -> {
      long budget = random.nextInt(8) == 0 ? 0 : Math.max(1, g * 100 / (60 + random.nextInt(60)));
      TreeSet<Integer> thresholds = new TreeSet<>(List.of(50, 80, 90, 100));
      if (random.nextBoolean()) {
        thresholds.add(1 + random.nextInt(120));
      }
      result.put(id, Events.campaign(id, budget, thresholds.toArray(Integer[]::new)));
    });
    return result;
  }

  private static String describe(BudgetAlert a) {
    return a.getAlertId() + " " + a.getOrderId() + " " + a.getSubsidyFen() + " " + a.getPendingSubsidyFen();
  }

  /** The rules, applied to granted and pending subsidy recomputed from every order's latest version. */
  private static final class Reference {
    final Map<String, Long> budgets = new TreeMap<>();
    final Map<String, List<Integer>> thresholds = new HashMap<>();
    final int rearm;
    final Map<String, TradeInOrder> latest = new HashMap<>();
    final Map<String, Long> granted = new HashMap<>();
    final Map<String, Long> pending = new HashMap<>();
    final Map<String, Boolean> armed = new HashMap<>();
    final Map<String, Integer> crossings = new HashMap<>();
    final List<String> alerts = new ArrayList<>();

    Reference(Map<String, Campaign> campaigns, int rearm) {
      campaigns.forEach((id, c) -> {
        budgets.put(id, c.getSubsidyBudgetFen());
        thresholds.put(id, new ArrayList<>(new TreeSet<>(c.getAlertThresholdsPercent())));
      });
      this.rearm = rearm;
    }

    void order(TradeInOrder o) {
      TradeInOrder previous = latest.get(o.getOrderId());
      if (previous != null && o.getVersion() <= previous.getVersion()) {
        return;
      }
      latest.put(o.getOrderId(), o);
      Map<String, long[]> before = new LinkedHashMap<>();
      if (previous != null) {
        before.put(previous.getCampaignId(), current(previous.getCampaignId()));
      }
      before.putIfAbsent(o.getCampaignId(), current(o.getCampaignId()));
      recompute();
      before.forEach((campaignId, was) -> {
        long[] now = current(campaignId);
        if (now[0] != was[0] || now[1] != was[1]) {
          evaluate(campaignId, o.getOrderId());
        }
      });
    }

    private long[] current(String campaignId) {
      return new long[] {granted.getOrDefault(campaignId, 0L), pending.getOrDefault(campaignId, 0L)};
    }

    private void recompute() {
      granted.clear();
      pending.clear();
      for (TradeInOrder o : latest.values()) {
        if (o.getStatus() == OrderStatus.APPROVED || o.getStatus() == OrderStatus.PAID) {
          granted.merge(o.getCampaignId(), o.getSubsidyAmountFen(), Long::sum);
        } else if (o.getStatus() == OrderStatus.SUBMITTED) {
          pending.merge(o.getCampaignId(), o.getSubsidyAmountFen(), Long::sum);
        }
      }
    }

    private void evaluate(String campaignId, String orderId) {
      long budget = budgets.getOrDefault(campaignId, 0L);
      if (budget <= 0) {
        return;
      }
      long g = granted.getOrDefault(campaignId, 0L);
      long p = pending.getOrDefault(campaignId, 0L);
      for (int t : thresholds.get(campaignId)) {
        rule(campaignId, "THRESHOLD", t, g, budget, orderId, g, p);
      }
      rule(campaignId, "EXPOSURE", 100, g + p, budget, orderId, g, p);
    }

    private void rule(String campaignId, String kind, int t, long spent, long budget, String orderId, long g,
        long p) {
      String key = campaignId + ":" + kind + ":" + t;
      boolean isArmed = armed.getOrDefault(key, true);
      // percent comparisons in exact fractions: spent / budget >= t / 100
      if (isArmed && spent * 100 >= (long) t * budget) {
        armed.put(key, false);
        int n = crossings.merge(key, 1, Integer::sum);
        alerts.add(key + ":" + n + " " + orderId + " " + g + " " + p);
      } else if (!isArmed && spent * 100 < (long) (t - rearm) * budget) {
        armed.put(key, true);
      }
    }
  }
}
