package io.campaignpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.totals.CampaignCounts;
import org.junit.jupiter.api.Test;

class QueryPartsTest {

  @Test
  void growthIsAnExactPercentageRoundedHalfUpToOneDecimal() {
    assertThat(SeriesYears.growth(1000, 1484)).isEqualTo("48.4");
    assertThat(SeriesYears.growth(3, 4)).isEqualTo("33.3");
    assertThat(SeriesYears.growth(8, 9)).isEqualTo("12.5");
    assertThat(SeriesYears.growth(16, 17)).isEqualTo("6.3"); // 6.25 rounds half up
    assertThat(SeriesYears.growth(200, 100)).isEqualTo("-50.0");
    assertThat(SeriesYears.growth(0, 5)).isNull();
    // no floating point on the way: a figure past 2^53 stays exact
    assertThat(SeriesYears.growth(9_007_199_254_740_993L, 9_007_199_254_740_993L * 2)).isEqualTo("100.0");
  }

  @Test
  void salesPerVisitorRoundsHalfUpToWholeFen() {
    FairView fair = FairView.of(Bucket.of("F-1", new CampaignCounts(0, 0, 0, 0, 0, 2, 1_000, 3, 0)));
    assertThat(fair.salesFenPerVisitor()).isEqualTo(333);
    assertThat(FairView.of(Bucket.of("F-1", new CampaignCounts(0, 0, 0, 0, 0, 1, 5, 2, 0))).salesFenPerVisitor())
        .isEqualTo(3);
    assertThat(FairView.of(Bucket.of("F-2", CampaignCounts.ZERO)).salesFenPerVisitor()).isNull();
  }

  @Test
  void anAsOfTimeIsCutAtTheStartOfItsLocalHourEvenInAHalfHourZone() {
    AsOfCut cut = AsOfCut.of(java.time.Instant.parse("2024-10-01T02:10:00Z"), java.time.ZoneId.of("Asia/Kolkata"));
    assertThat(cut.asOf()).isEqualTo(java.time.Instant.parse("2024-10-01T01:30:00Z")); // 07:00 in Kolkata
    assertThat(cut.endHour()).isEqualTo("2024-10-01T07");
    assertThat(cut.throughHour()).isEqualTo("2024-10-01T06");
    AsOfCut midnight = AsOfCut.of(java.time.Instant.parse("2024-09-30T16:00:00Z"), java.time.ZoneId.of("Asia/Shanghai"));
    assertThat(midnight.endHour()).isEqualTo("2024-10-01T00");
    assertThat(midnight.throughHour()).isEqualTo("2024-09-30T23");
  }
}
