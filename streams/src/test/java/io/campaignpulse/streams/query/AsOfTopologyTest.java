package io.campaignpulse.streams.query;

import static io.campaignpulse.avro.OrderStatus.APPROVED;
import static io.campaignpulse.avro.OrderStatus.PAID;
import static io.campaignpulse.avro.OrderStatus.REFUNDED;
import static io.campaignpulse.avro.OrderStatus.SUBMITTED;
import static io.campaignpulse.streams.Events.order;
import static io.campaignpulse.streams.Events.sale;
import static io.campaignpulse.streams.Events.visit;
import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * As-of queries through the whole pipeline: orders over several hours with a status change (SUBMITTED, then PAID
 * two hours later), a refund, a duplicate, fair sales and gate reports, and a late order; the answer at every
 * hour boundary is checked against a reference recomputed from the event list with the counting rules, taking
 * only the events whose time is before the effective as-of time.
 */
class AsOfTopologyTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Instant H0 = Instant.parse("2024-10-01T02:00:00Z"); // 10:00 local
  private static final long BUDGET_FEN = 1_000_000;

  private final PipelineHarness pipeline = new PipelineHarness();
  private final List<Object> sent = new ArrayList<>();

  @AfterEach
  void stop() {
    pipeline.close();
  }

  private static Instant at(int hours, int minutes) {
    return H0.plus(Duration.ofHours(hours).plusMinutes(minutes));
  }

  private void send(Object event) {
    sent.add(event);
    pipeline.event(event);
  }

  private void onTimeEvents() {
    pipeline.campaign(Events.campaign("C-1", BUDGET_FEN, 50, 80), H0.minusSeconds(60));
    send(order("O-1", 1, "C-1", SUBMITTED, 500_000, 50_000, at(0, 10)));
    send(order("O-2", 1, "C-1", PAID, 300_000, 30_000, at(0, 20)));
    send(order("O-3", 1, "C-1", APPROVED, 200_000, 20_000, at(1, 15)));
    send(sale("S-1", "F-1", "C-1", 100_000, at(1, 30)));
    send(visit("F-1", "C-1", "G-1", 40, at(1, 30)));
    send(order("O-1", 2, "C-1", PAID, 500_000, 50_000, at(2, 5))); // the status change
    send(visit("F-1", "C-1", "G-1", 45, at(1, 30))); // a corrected gate report
    send(order("O-2", 2, "C-1", REFUNDED, 300_000, 30_000, at(3, 40))); // the refund
    send(order("O-3", 1, "C-1", APPROVED, 200_000, 20_000, at(1, 15))); // a duplicate
    send(order("O-4", 1, "C-1", SUBMITTED, 150_000, 15_000, at(3, 50)));
    send(sale("S-1", "F-1", "C-1", 100_000, at(1, 30))); // a repeated sale
    send(order("O-5", 1, "C-1", PAID, 80_000, 8_000, at(4, 0)));
  }

  private AsOfView asOf(Instant t) {
    pipeline.flush();
    @SuppressWarnings("unchecked")
    var net = (ReadOnlyKeyValueStore<String, CampaignCounts>) pipeline.driver.getAllStateStores()
        .get(Family.CAMPAIGN_HOURLY_NET.storeName());
    Campaign campaign = pipeline.driver.<String, Campaign>getKeyValueStore(StoreNames.CAMPAIGNS).get("C-1");
    return AsOfQuery.answer("C-1", t, ZONE, net, campaign, pipeline.ledger("C-1"));
  }

  @Test
  void everyHourBoundaryAgreesWithTheReference() {
    onTimeEvents();
    for (int hour = -2; hour <= 6; hour++) {
      Instant t = at(hour, 0);
      AsOfView view = asOf(t);
      assertThat(view.asOf()).isEqualTo(t);
      assertThat(counts(view)).as("as of " + t).isEqualTo(reference(sent, t));
    }
    // a status change between two hours: pending as of 12:00, counted as of 13:00
    assertThat(asOf(at(2, 0)).pendingOrders()).isEqualTo(1);
    assertThat(asOf(at(3, 0)).pendingOrders()).isZero();
    // the refunded order counts until the hour of its refund has ended
    assertThat(asOf(at(3, 0)).orders()).isEqualTo(3);
    assertThat(asOf(at(4, 0)).orders()).isEqualTo(2);
  }

  @Test
  void aTimeInsideAnHourIsTruncatedToItsStart() {
    onTimeEvents();
    AsOfView view = asOf(at(2, 30));
    assertThat(view.requestedAsOf()).isEqualTo(at(2, 30));
    assertThat(view.asOf()).isEqualTo(at(2, 0));
    assertThat(view.throughHour()).isEqualTo("2024-10-01T11"); // 11:00-12:00 local is the last hour counted
    assertThat(counts(view)).isEqualTo(reference(sent, at(2, 0)));
    assertThat(view.pendingOrders()).isEqualTo(1);
  }

  @Test
  void beforeTheFirstEventAllIsZeroAndInTheFutureItIsTheTotals() {
    onTimeEvents();
    assertThat(counts(asOf(Instant.parse("2000-01-01T00:00:00Z")))).isEqualTo(CampaignCounts.ZERO);
    assertThat(counts(asOf(Instant.parse("-5000-01-01T00:00:00Z")))).isEqualTo(CampaignCounts.ZERO);
    CampaignCounts totals = pipeline.storeTotals().get("C-1").at(CampaignCounts.NO_TIME);
    assertThat(counts(asOf(Instant.parse("2100-01-01T00:00:00Z")))).isEqualTo(totals);
    assertThat(counts(asOf(Instant.parse("+100000-01-01T00:00:00Z")))).isEqualTo(totals);
  }

  @Test
  void withoutLateEventsBothHourlySeriesSumToTheTotals() {
    onTimeEvents();
    CampaignCounts totals = pipeline.storeTotals().get("C-1").at(CampaignCounts.NO_TIME);
    assertThat(pipeline.lateEvents.getQueueSize()).isZero();
    assertThat(sum(Family.CAMPAIGN_HOURLY)).isEqualTo(totals);
    assertThat(sum(Family.CAMPAIGN_HOURLY_NET)).isEqualTo(totals);
  }

  @Test
  void aLateEventCountsInItsOwnHourOfTheNetSeriesButNotInTheHourlySeries() {
    onTimeEvents();
    send(order("O-6", 1, "C-1", PAID, 70_000, 7_000, at(6, 0))); // moves the clock on
    send(order("O-7", 1, "C-1", APPROVED, 60_000, 6_000, at(1, 45))); // 4h15m late, past the 1h grace
    CampaignCounts totals = pipeline.storeTotals().get("C-1").at(CampaignCounts.NO_TIME);
    assertThat(pipeline.lateEvents.getQueueSize()).isEqualTo(1);
    assertThat(sum(Family.CAMPAIGN_HOURLY_NET)).isEqualTo(totals);
    assertThat(sum(Family.CAMPAIGN_HOURLY).orders()).isEqualTo(totals.orders() - 1);
    AsOfView view = asOf(at(2, 0));
    assertThat(view.lateEventsIncluded()).isTrue();
    assertThat(counts(view)).isEqualTo(reference(sent, at(2, 0)));
  }

  @Test
  void theBudgetIsGrantedAsOfTheTimeAgainstTheBudget() {
    onTimeEvents();
    AsOfView view = asOf(at(2, 0)); // O-2 and O-3 granted: 50,000 of 1,000,000
    assertThat(view.budget().budgetFen()).isEqualTo(BUDGET_FEN);
    assertThat(view.budget().grantedFen()).isEqualTo(50_000);
    assertThat(view.budget().pendingFen()).isEqualTo(50_000);
    assertThat(view.budget().grantedPercent()).isEqualByComparingTo("5.00");
    // O-1, O-3 and O-5 (O-2 refunded): 78,000
    assertThat(asOf(at(5, 0)).budget().grantedPercent()).isEqualByComparingTo("7.80");
  }

  private CampaignCounts sum(Family family) {
    return pipeline.store(family).values().stream().reduce(CampaignCounts.ZERO, CampaignCounts::plus)
        .at(CampaignCounts.NO_TIME);
  }

  private static CampaignCounts counts(AsOfView v) {
    assertThat(v.consumptionFen()).isEqualTo(v.orderConsumptionFen() + v.fairSalesFen());
    return new CampaignCounts(v.orders(), v.pendingOrders(), v.orderConsumptionFen(), v.subsidyFen(),
        v.pendingSubsidyFen(), v.fairSales(), v.fairSalesFen(), v.visitors(), CampaignCounts.NO_TIME);
  }

  /**
   * The campaign as of {@code t} from the events alone: of the events before {@code t}, each order's first event
   * with its highest version, each sale once, each gate slot's last report; then the counting rules.
   */
  private static CampaignCounts reference(List<Object> events, Instant t) {
    Map<String, TradeInOrder> orders = new HashMap<>();
    Set<String> saleIds = new HashSet<>();
    Map<String, Long> slots = new HashMap<>();
    long fairSales = 0;
    long fairSalesFen = 0;
    for (Object e : events) {
      if (!Events.eventTime(e).isBefore(t)) {
        continue;
      }
      if (e instanceof TradeInOrder o) {
        TradeInOrder seen = orders.get(o.getOrderId());
        if (seen == null || o.getVersion() > seen.getVersion()) {
          orders.put(o.getOrderId(), o);
        }
      } else if (e instanceof FairSale s) {
        if (saleIds.add(s.getSaleId())) {
          fairSales++;
          fairSalesFen += s.getAmountFen();
        }
      } else {
        FairVisit v = (FairVisit) e;
        slots.put(v.getFairId() + "|" + v.getGateId() + "|" + v.getEventTime(), (long) v.getVisitors());
      }
    }
    long counted = 0;
    long pending = 0;
    long consumption = 0;
    long subsidy = 0;
    long pendingSubsidy = 0;
    for (TradeInOrder o : orders.values()) {
      OrderStatus s = o.getStatus();
      if (s == APPROVED || s == PAID) {
        counted++;
        consumption += o.getPurchaseAmountFen();
        subsidy += o.getSubsidyAmountFen();
      } else if (s == SUBMITTED) {
        pending++;
        pendingSubsidy += o.getSubsidyAmountFen();
      }
    }
    long visitors = slots.values().stream().mapToLong(Long::longValue).sum();
    return new CampaignCounts(counted, pending, consumption, subsidy, pendingSubsidy, fairSales, fairSalesFen,
        visitors, CampaignCounts.NO_TIME);
  }
}
