package io.campaignpulse.streams.topology;

import static io.campaignpulse.avro.OrderStatus.APPROVED;
import static io.campaignpulse.avro.OrderStatus.CANCELLED;
import static io.campaignpulse.avro.OrderStatus.PAID;
import static io.campaignpulse.avro.OrderStatus.SUBMITTED;
import static io.campaignpulse.streams.Events.order;
import static io.campaignpulse.streams.Events.sale;
import static io.campaignpulse.streams.Events.visit;
import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import io.campaignpulse.streams.changes.LateEventHeaders;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics rules one at a time: local days and hours, corrections reaching back into earlier days, late
 * events, the grace period, breakdowns and fairs, and emission once per interval.
 */
class AnalyticsTopologyTest {

  private static final Instant MAY_1_10H_LOCAL = Instant.parse("2024-05-01T02:00:00Z"); // 10:00 in Shanghai
  private PipelineHarness pipeline = new PipelineHarness();

  @AfterEach
  void stop() {
    pipeline.close();
  }

  private Map<String, CampaignCounts> family(Family family) {
    Map<String, CampaignCounts> result = new TreeMap<>();
    pipeline.store(family).forEach((k, v) -> result.put(k.replace(AggregateKey.SEP, '/'), v));
    return result;
  }

  @Test
  void daysAndHoursAreLocalToTheConfiguredZone() {
    // 2024-05-01T16:30Z is 00:30 on May 2nd in Shanghai, but still May 1st in UTC
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, Instant.parse("2024-05-01T16:30:00Z")));
    assertThat(family(Family.CAMPAIGN_DAILY)).containsOnlyKeys("C-1/2024-05-02");
    assertThat(family(Family.CAMPAIGN_HOURLY)).containsOnlyKeys("C-1/2024-05-02T00");

    pipeline.close();
    pipeline = new PipelineHarness(new AnalyticsSettings(ZoneId.of("UTC"), Duration.ofHours(1), Duration.ofMillis(100)));
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, Instant.parse("2024-05-01T16:30:00Z")));
    assertThat(family(Family.CAMPAIGN_DAILY)).containsOnlyKeys("C-1/2024-05-01");
    assertThat(family(Family.CAMPAIGN_HOURLY)).containsOnlyKeys("C-1/2024-05-01T16");
  }

  @Test
  void aCancellationWeeksLaterTakesTheOrderOutOfTheDayItCountedIn() {
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, MAY_1_10H_LOCAL));
    pipeline.order(order("O-2", 1, "C-1", APPROVED, 200_000, 20_000, MAY_1_10H_LOCAL.plusSeconds(60)));
    assertThat(family(Family.CAMPAIGN_DAILY).get("C-1/2024-05-01").orders()).isEqualTo(2);

    // on time (its own event time is the newest), three weeks later
    pipeline.order(order("O-1", 2, "C-1", CANCELLED, 500_000, 75_000, MAY_1_10H_LOCAL.plus(Duration.ofDays(21))));

    CampaignCounts may1 = family(Family.CAMPAIGN_DAILY).get("C-1/2024-05-01");
    assertThat(may1.orders()).isEqualTo(1);
    assertThat(may1.subsidyFen()).isEqualTo(20_000);
    assertThat(family(Family.CAMPAIGN_HOURLY).get("C-1/2024-05-01T10").orderConsumptionFen()).isEqualTo(200_000);
    assertThat(family(Family.CATEGORY).get("C-1/HOME_APPLIANCE").orders()).isEqualTo(1);
    assertThat(family(Family.MERCHANT).get("C-1/M-001").subsidyFen()).isEqualTo(20_000);
    assertThat(pipeline.storeTotals().get("C-1").orders()).isEqualTo(1);
  }

  @Test
  void anOrderCountsInTheHourAndDayOfItsLatestVersion() {
    pipeline.order(order("O-1", 1, "C-1", SUBMITTED, 500_000, 75_000, MAY_1_10H_LOCAL));
    pipeline.order(order("O-1", 2, "C-1", APPROVED, 500_000, 75_000, MAY_1_10H_LOCAL.plus(Duration.ofHours(26))));

    Map<String, CampaignCounts> daily = family(Family.CAMPAIGN_DAILY);
    assertThat(daily.getOrDefault("C-1/2024-05-01", CampaignCounts.ZERO).isZero()).isTrue();
    assertThat(daily.get("C-1/2024-05-02").orders()).isEqualTo(1);
    assertThat(daily.get("C-1/2024-05-02").pendingOrders()).isZero();
  }

  @Test
  void aLateEventCountsInTheTotalsButNotInItsHourAndDayAndIsCopiedToLateEvents() {
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, MAY_1_10H_LOCAL.plus(Duration.ofHours(5))));
    // two hours behind the latest order: beyond the one-hour grace
    pipeline.order(order("O-2", 1, "C-1", PAID, 300_000, 45_000, MAY_1_10H_LOCAL.plus(Duration.ofHours(3))));
    // within the grace: on time
    pipeline.order(order("O-3", 1, "C-1", PAID, 100_000, 10_000, MAY_1_10H_LOCAL.plus(Duration.ofHours(4))));

    assertThat(pipeline.storeTotals().get("C-1").orders()).isEqualTo(3);
    assertThat(family(Family.MERCHANT).get("C-1/M-001").orders()).isEqualTo(3);
    Map<String, CampaignCounts> hourly = family(Family.CAMPAIGN_HOURLY);
    assertThat(hourly).containsOnlyKeys("C-1/2024-05-01T15", "C-1/2024-05-01T14");
    assertThat(family(Family.CAMPAIGN_DAILY).get("C-1/2024-05-01").orders()).isEqualTo(2);

    assertThat(pipeline.lateEvents.getQueueSize()).isEqualTo(1);
    TestRecord<String, byte[]> late = pipeline.lateEvents.readRecord();
    assertThat(late.key()).isEqualTo("O-2");
    assertThat(pipeline.topics.orders().valueSerde().deserializer().deserialize("tradein-orders", late.value())
        .getOrderId()).isEqualTo("O-2");
    assertThat(header(late, LateEventHeaders.SOURCE_TOPIC)).isEqualTo("tradein-orders");
    assertThat(header(late, LateEventHeaders.LATE_BY_MS)).isEqualTo(Long.toString(Duration.ofHours(2).toMillis()));
    assertThat(header(late, LateEventHeaders.PARTITION_EVENT_TIME))
        .isEqualTo(Long.toString(MAY_1_10H_LOCAL.plus(Duration.ofHours(5)).toEpochMilli()));
    assertThat(header(late, LateEventHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(pipeline.metrics.lateEvents("tradein-orders")).isEqualTo(1);
  }

  @Test
  void aLateCancellationStillTakesTheOrderOutOfTheDayItCountedIn() {
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, MAY_1_10H_LOCAL));
    pipeline.order(order("O-9", 1, "C-2", SUBMITTED, 1_000, 0, MAY_1_10H_LOCAL.plus(Duration.ofDays(2))));
    pipeline.order(order("O-1", 2, "C-1", CANCELLED, 500_000, 75_000, MAY_1_10H_LOCAL.plus(Duration.ofHours(1))));

    assertThat(family(Family.CAMPAIGN_DAILY).getOrDefault("C-1/2024-05-01", CampaignCounts.ZERO).isZero()).isTrue();
    assertThat(pipeline.storeTotals().get("C-1").orders()).isZero();
    assertThat(pipeline.lateEvents.getQueueSize()).isEqualTo(1);
  }

  @Test
  void aLongerGraceKeepsLaterEventsInTheirWindows() {
    pipeline.close();
    pipeline = new PipelineHarness(new AnalyticsSettings(ZoneId.of("Asia/Shanghai"), Duration.ofDays(2),
        Duration.ofMillis(100)));
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, MAY_1_10H_LOCAL.plus(Duration.ofDays(1))));
    pipeline.order(order("O-2", 1, "C-1", PAID, 300_000, 45_000, MAY_1_10H_LOCAL));

    assertThat(family(Family.CAMPAIGN_DAILY).get("C-1/2024-05-01").orders()).isEqualTo(1);
    assertThat(pipeline.lateEvents.isEmpty()).isTrue();
  }

  @Test
  void aRejectedEventDoesNotMoveTheClock() {
    // an order whose subsidy is above its price is rejected, however far in the future it claims to be
    pipeline.order(order("O-bad", 1, "C-1", APPROVED, 100, 200, MAY_1_10H_LOCAL.plus(Duration.ofDays(30))));
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, MAY_1_10H_LOCAL));

    assertThat(family(Family.CAMPAIGN_DAILY).get("C-1/2024-05-01").orders()).isEqualTo(1);
    assertThat(pipeline.lateEvents.isEmpty()).isTrue();
    assertThat(pipeline.deadLetters.getQueueSize()).isEqualTo(1);
  }

  @Test
  void streetsAndFairsAreBrokenDown() {
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 500_000, 75_000, MAY_1_10H_LOCAL)); // 七一路街道
    io.campaignpulse.avro.TradeInOrder noStreet = order("O-2", 1, "C-1", PAID, 300_000, 45_000, MAY_1_10H_LOCAL);
    noStreet.setStreet(null);
    pipeline.order(noStreet);
    pipeline.visit(visit("F-1", "C-1", "G-1", 400, MAY_1_10H_LOCAL));
    pipeline.visit(visit("F-1", "C-1", "G-2", 100, MAY_1_10H_LOCAL.plus(Duration.ofHours(1))));
    pipeline.sale(sale("S-1", "F-1", "C-1", 1_000_000, MAY_1_10H_LOCAL.plus(Duration.ofMinutes(30))));
    // a corrected gate report replaces the first one everywhere
    pipeline.visit(visit("F-1", "C-1", "G-1", 450, MAY_1_10H_LOCAL));

    Map<String, CampaignCounts> streets = family(Family.STREET);
    assertThat(streets.get("C-1/七一路街道").orderConsumptionFen()).isEqualTo(500_000);
    assertThat(streets.get("C-1/-").orderConsumptionFen()).isEqualTo(300_000);
    CampaignCounts fair = family(Family.FAIR_TOTAL).get("C-1/F-1");
    assertThat(fair.visitors()).isEqualTo(550);
    assertThat(fair.fairSalesFen()).isEqualTo(1_000_000);
    Map<String, CampaignCounts> fairHourly = family(Family.FAIR_HOURLY);
    assertThat(fairHourly.get("C-1/F-1/2024-05-01T10").visitors()).isEqualTo(450);
    assertThat(fairHourly.get("C-1/F-1/2024-05-01T10").fairSales()).isEqualTo(1);
    assertThat(fairHourly.get("C-1/F-1/2024-05-01T11").visitors()).isEqualTo(100);
    assertThat(family(Family.FAIR_DAILY).get("C-1/F-1/2024-05-01").visitors()).isEqualTo(550);
    assertThat(family(Family.CATEGORY).get("C-1/AUTO").fairSalesFen()).isEqualTo(1_000_000);
  }

  @Test
  void deltasAreSummedAndEmittedOncePerInterval() {
    pipeline.close();
    // the test driver commits after every record: without emitting at commits, only the interval emits
    pipeline = new PipelineHarness(AnalyticsSettings.defaults().withEmitOnCommit(false));
    for (int i = 0; i < 50; i++) {
      pipeline.order(order("O-" + i, 1, "C-1", APPROVED, 1_000, 100, MAY_1_10H_LOCAL.plusSeconds(i)));
    }
    // nothing is published before the interval passes
    assertThat(pipeline.totalsTopic.isEmpty()).isTrue();
    pipeline.flush();
    // then one record carries all fifty orders
    assertThat(pipeline.totalsTopic.getQueueSize()).isEqualTo(1);
    assertThat(pipeline.totalsTopic.readValue().getOrders()).isEqualTo(50);
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
