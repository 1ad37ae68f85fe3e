package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeasonCalendarTest {

  private final SeasonCalendar calendar = new SeasonCalendar(Scenario.defaultScenario());

  @Test
  void shouldWeighHolidaysWeekendsMakeUpWorkdaysAndPeaks() {
    // Given the 2024 calendar; When days are weighed
    // Then a workday is 1, a weekend 1.35, a make-up Saturday a workday, National Day the top
    assertThat(calendar.dayWeight(LocalDate.parse("2024-03-12"))).isEqualTo(1.0);
    assertThat(calendar.dayWeight(LocalDate.parse("2024-03-16"))).isEqualTo(1.35);
    assertThat(calendar.dayWeight(LocalDate.parse("2024-09-14"))).isEqualTo(1.0);
    assertThat(calendar.dayWeight(LocalDate.parse("2024-10-03"))).isEqualTo(2.1);
    assertThat(calendar.dayWeight(LocalDate.parse("2024-11-11"))).isCloseTo(1.25 * 1.3, within(1e-9));
  }

  @Test
  void shouldDrawTimesWithinOpeningHoursInShanghaiTime() {
    // Given the fair profile (9:00 to 18:00)
    SeasonCalendar.HourProfile fair = calendar.profile("fair");
    SplittableRandom rnd = new SplittableRandom(1);

    // When many instants are drawn
    // Then each is on that day between 9:00 and 18:00 local time
    for (int i = 0; i < 1000; i++) {
      long t = calendar.sampleTime(LocalDate.parse("2024-05-01"), fair, rnd);
      var local = Instant.ofEpochMilli(t).atZone(ZoneId.of("Asia/Shanghai"));
      assertThat(local.toLocalDate()).isEqualTo(LocalDate.parse("2024-05-01"));
      assertThat(local.getHour()).isBetween(9, 17);
    }
  }
}
