package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.Validators;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.serde.SerdeConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class OrderWorkloadTest {

  private static final int EVENTS = 30_000;
  private static final int ORDERS = 10_500;

  private static OrderWorkload workload(long seed) {
    BenchCampaigns campaigns = BenchCampaigns.create(20, StreamsBenchmark.merchants(ORDERS),
        StreamsBenchmark.WORKLOAD_START, seed);
    return OrderWorkload.generate(new OrderWorkload.Spec(EVENTS, ORDERS, 0.01, 0.03,
        StreamsBenchmark.WORKLOAD_START, 28, "TI", seed), campaigns);
  }

  @Test
  void exactlyTheEventsAndOrdersAskedFor() {
    OrderWorkload w = workload(7);

    assertThat(w.size()).isEqualTo(EVENTS);
    assertThat(w.orders()).isEqualTo(ORDERS);
    assertThat(w.duplicates()).isEqualTo(300);
    Set<String> keys = new HashSet<>();
    for (int s = 0; s < w.size(); s++) {
      keys.add(w.key(s));
    }
    assertThat(keys).hasSize(ORDERS);
  }

  @Test
  void everyEventKeepsTheContractAndEachOrderHasVersionsOneToFourInLifecycleOrder() {
    OrderWorkload w = workload(7);
    Map<String, List<TradeInOrder>> byOrder = new HashMap<>();
    for (int s = 0; s < w.size(); s++) {
      TradeInOrder o = w.order(s);
      assertThat(Validators.ORDER.problem(w.key(s), o)).as("slot %d: %s", s, o).isNull();
      assertThat(o.getEventTime().toEpochMilli()).isEqualTo(w.eventTimeMs(s));
      if (!w.isRepeat(s)) {
        byOrder.computeIfAbsent(o.getOrderId(), k -> new ArrayList<>()).add(o);
      }
    }
    int[] lengths = new int[5];
    for (List<TradeInOrder> versions : byOrder.values()) {
      versions.sort((a, b) -> Integer.compare(a.getVersion(), b.getVersion()));
      assertThat(versions).extracting(TradeInOrder::getVersion)
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList());
      assertThat(versions.get(0).getStatus()).isEqualTo(OrderStatus.SUBMITTED);
      for (int i = 1; i < versions.size(); i++) {
        assertThat(versions.get(i).getEventTime()).isAfter(versions.get(i - 1).getEventTime());
      }
      lengths[versions.size()]++;
    }
    assertThat(lengths[0]).isZero();
    assertThat(lengths[1] + 2 * lengths[2] + 3 * lengths[3] + 4 * lengths[4]).isEqualTo(EVENTS - 300);
    for (int l = 1; l <= 4; l++) {
      assertThat(lengths[l]).as("orders with %d versions", l).isPositive();
    }
  }

  @Test
  void repeatsAreExactCopiesOfEarlierEventsAndSomeVersionsArriveOutOfOrder() {
    OrderWorkload w = workload(11);
    Map<String, TradeInOrder> seen = new HashMap<>();
    Map<String, Integer> highestVersion = new HashMap<>();
    int repeats = 0;
    int arrivedAfterAHigherVersion = 0;
    int behindTheFeedByAnHour = 0;
    long latestEventTime = Long.MIN_VALUE;
    for (int s = 0; s < w.size(); s++) {
      TradeInOrder o = w.order(s);
      long eventTime = o.getEventTime().toEpochMilli();
      if (!w.isRepeat(s) && eventTime < latestEventTime - 3_600_000L) {
        behindTheFeedByAnHour++;
      }
      latestEventTime = Math.max(latestEventTime, eventTime);
      String id = o.getOrderId() + "#" + o.getVersion();
      if (w.isRepeat(s)) {
        repeats++;
        assertThat(seen.get(id)).as("original of slot %d", s).isEqualTo(o);
      } else {
        assertThat(seen.put(id, o)).isNull();
        Integer highest = highestVersion.get(o.getOrderId());
        if (highest != null && highest > o.getVersion()) {
          arrivedAfterAHigherVersion++;
        }
      }
      highestVersion.merge(o.getOrderId(), o.getVersion(), Math::max);
    }
    assertThat(repeats).isEqualTo(w.duplicates());
    assertThat(arrivedAfterAHigherVersion).isEqualTo(w.outOfOrderOrders()).isGreaterThan(100);
    // no event is sent before it happens, so only held-up versions can be far behind the feed's latest event time
    // (one sent early would push that time ahead and make the events after it look late)
    assertThat(behindTheFeedByAnHour).isLessThanOrEqualTo(w.outOfOrderOrders());
  }

  @Test
  void fieldsVaryAsTheBreakdownsNeed() {
    OrderWorkload w = workload(3);
    Set<String> campaigns = new HashSet<>();
    Set<Object> categories = new HashSet<>();
    Set<String> merchants = new HashSet<>();
    Set<String> streets = new HashSet<>();
    Set<Object> statuses = new HashSet<>();
    boolean streetless = false;
    boolean moved = false;
    Map<String, String> campaignOf = new HashMap<>();
    for (int s = 0; s < w.size(); s++) {
      TradeInOrder o = w.order(s);
      campaigns.add(o.getCampaignId());
      categories.add(o.getCategory());
      merchants.add(o.getMerchantId());
      statuses.add(o.getStatus());
      if (o.getStreet() == null) {
        streetless = true;
      } else {
        streets.add(o.getStreet());
      }
      String before = campaignOf.put(o.getOrderId(), o.getCampaignId());
      moved |= before != null && !before.equals(o.getCampaignId());
      assertThat(o.getSubsidyAmountFen()).isBetween(0L, o.getPurchaseAmountFen());
    }
    assertThat(campaigns).hasSize(20);
    assertThat(categories).hasSize(6);
    assertThat(statuses).hasSize(5);
    assertThat(merchants).hasSizeGreaterThan(50);
    assertThat(streets).hasSizeGreaterThan(5);
    assertThat(streetless).isTrue();
    assertThat(moved).isTrue();
  }

  @Test
  void theSameSeedGivesTheSameBytes() {
    OrderWorkload a = workload(5);
    OrderWorkload b = workload(5);
    OrderWorkload c = workload(6);
    try (AvroWireSerializer<SpecificRecord> serializer = new AvroWireSerializer<>()) {
      serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://order-workload-test"), false);
      boolean differs = false;
      for (int s = 0; s < a.size(); s++) {
        assertThat(b.key(s)).isEqualTo(a.key(s));
        byte[] bytesA = serializer.serialize("t", a.order(s));
        assertThat(serializer.serialize("t", b.order(s))).isEqualTo(bytesA);
        differs |= !Arrays.equals(bytesA, serializer.serialize("t", c.order(s)));
      }
      assertThat(differs).isTrue();
    }
  }

  @Test
  void ordersMustFitOneToFourVersions() {
    assertThatThrownBy(() -> new OrderWorkload.Spec(1000, 100, 0.01, 0.03, StreamsBenchmark.WORKLOAD_START, 28, "TI",
        1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 248 and 990");
    // the extremes work: every order with one version, or with four
    assertThat(OrderWorkload.generate(new OrderWorkload.Spec(1000, 990, 0.01, 0.03, StreamsBenchmark.WORKLOAD_START,
        28, "TI", 1), BenchCampaigns.create(3, 60, StreamsBenchmark.WORKLOAD_START, 1)).size()).isEqualTo(1000);
    assertThat(OrderWorkload.generate(new OrderWorkload.Spec(1000, 248, 0.01, 0.03, StreamsBenchmark.WORKLOAD_START,
        28, "TI", 1), BenchCampaigns.create(3, 60, StreamsBenchmark.WORKLOAD_START, 1)).size()).isEqualTo(1000);
  }
}
