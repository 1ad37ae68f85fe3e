package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.sim.SimEvent.Stream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The full default scenario, generated once, against the district's reported 2024 figures. */
class DefaultScenarioCalibrationTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static GroundTruth truth;
  private static CampaignSimulator simulator;
  private static long events;
  private static final Map<LocalDate, Integer> submissionsPerDay = new HashMap<>();
  private static final int[] submissionsPerHour = new int[24];
  private static final Map<LocalDate, Long> autumnVisitorsPerDay = new HashMap<>();

  @BeforeAll
  static void runTheWholeYear() {
    // Given the default scenario and a seed; When the whole year is generated (once for this class)
    simulator = new CampaignSimulator(Scenario.defaultScenario(), 2024L);
    Iterator<SimEvent> it = simulator.events();
    while (it.hasNext()) {
      SimEvent e = it.next();
      events++;
      if (e.stream() == Stream.ORDERS && ((TradeInOrder) e.value()).getVersion() == 1) {
        ZonedDateTime t = ((TradeInOrder) e.value()).getEventTime().atZone(SHANGHAI);
        submissionsPerDay.merge(t.toLocalDate(), 1, Integer::sum);
        submissionsPerHour[t.getHour()]++;
      } else if (e.value() instanceof FairVisit v && v.getCampaignId().equals("CH-FM-AUTUMN-2024")) {
        autumnVisitorsPerDay.merge(v.getEventTime().atZone(SHANGHAI).toLocalDate(), (long) v.getVisitors(), Long::sum);
      }
    }
    truth = simulator.groundTruth();
  }

  @Test
  void shouldLandWithinTwoPercentOfTheDistrictsTradeInFigures() {
    // Then 35,800 orders, over 1.0 billion yuan consumption and over 90 million yuan subsidy, within 2%
    GroundTruth.Totals tradeIn = truth.kind(CampaignKind.TRADE_IN);
    assertThat(tradeIn.orders()).isCloseTo(35_800L, withinPercentage(2));
    assertThat(tradeIn.orderConsumptionFen()).isCloseTo(100_000_000_000L, withinPercentage(2));
    assertThat(tradeIn.subsidyFen()).isCloseTo(9_000_000_000L, withinPercentage(2));
    assertThat(tradeIn.subsidyFen() / tradeIn.orders()).as("average subsidy per order, fen")
        .isBetween(230_000L, 280_000L);
  }

  @Test
  void shouldHold73PromotionEventsPulling167BillionYuan() {
    // Then 73 consumer fairs took place and sold 1.67 billion yuan, within 2%
    assertThat(truth.fairCount(CampaignKind.CONSUMER_FAIR)).isEqualTo(73);
    assertThat(truth.kind(CampaignKind.CONSUMER_FAIR).fairSalesFen()).isCloseTo(167_000_000_000L, withinPercentage(2));
    assertThat(truth.fairCount(CampaignKind.FESTIVAL_MARKET)).isEqualTo(12);
    assertThat(truth.kind(CampaignKind.FESTIVAL_MARKET).visitors()).isPositive();
  }

  @Test
  void shouldStayWithinEachTradeInBudgetWhileCrossingTheAlertThresholds() {
    // Then every trade-in campaign spends most of its budget but none overspends it
    for (Campaign c : simulator.campaigns()) {
      if (c.getKind() == CampaignKind.TRADE_IN) {
        long spent = truth.campaign(c.getCampaignId()).subsidyFen();
        assertThat(spent).as(c.getCampaignId()).isLessThanOrEqualTo(c.getSubsidyBudgetFen())
            .isGreaterThan(c.getSubsidyBudgetFen() * 80 / 100);
      }
    }
  }

  @Test
  void shouldPeakAtMidAutumnAndNationalDay() {
    // Then the golden week brings more applications a day than the September workdays before it
    double goldenWeek = average(submissionsPerDay, "2024-10-01", "2024-10-07", false);
    double septemberWorkdays = average(submissionsPerDay, "2024-09-18", "2024-09-27", true);
    assertThat(goldenWeek).isGreaterThan(1.6 * septemberWorkdays);
    // and the autumn festival market its busiest days
    double holidayVisitors = average(autumnVisitorsPerDay, "2024-10-01", "2024-10-07", false);
    double workdayVisitors = average(autumnVisitorsPerDay, "2024-09-18", "2024-09-27", true);
    assertThat(holidayVisitors).isGreaterThan(1.6 * workdayVisitors);
  }

  @Test
  void shouldSeeMoreApplicationsOnWeekendsThanOnWorkdays() {
    // Then, in a month without holidays, a weekend day has more applications than a workday
    double weekends = 0;
    double workdays = 0;
    int weekendDays = 0;
    int workDays = 0;
    for (LocalDate d = LocalDate.parse("2024-11-12"); d.isBefore(LocalDate.parse("2024-12-13")); d = d.plusDays(1)) {
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      int n = submissionsPerDay.getOrDefault(d, 0);
      if (weekend) {
        weekends += n;
        weekendDays++;
      } else {
        workdays += n;
        workDays++;
      }
    }
    assertThat(weekends / weekendDays).isGreaterThan(1.15 * workdays / workDays);
  }

  @Test
  void shouldSubmitOrdersInTheDaytime() {
    // Then nine applications in ten are submitted between 8:00 and 22:00, local time
    int day = 0;
    int all = 0;
    for (int h = 0; h < 24; h++) {
      all += submissionsPerHour[h];
      if (h >= 8 && h < 22) {
        day += submissionsPerHour[h];
      }
    }
    assertThat(day).isGreaterThan(all * 9 / 10);
    assertThat(submissionsPerHour[3]).isLessThan(submissionsPerHour[10] / 50);
  }

  @Test
  void shouldEmitAboutThreeHundredThousandEvents() {
    // Then the year is a few hundred thousand events, and the truth counted them all
    assertThat(events).isBetween(250_000L, 400_000L);
    assertThat(truth.emittedEvents()).isEqualTo(events);
  }

  private static <N extends Number> double average(Map<LocalDate, N> perDay, String from, String to,
      boolean workdaysOnly) {
    double sum = 0;
    int days = 0;
    for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
      if (workdaysOnly && (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY)) {
        continue;
      }
      N n = perDay.get(d);
      sum += n == null ? 0 : n.doubleValue();
      days++;
    }
    return sum / days;
  }
}
