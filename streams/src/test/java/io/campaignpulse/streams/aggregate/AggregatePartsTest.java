package io.campaignpulse.streams.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.streams.totals.CampaignCounts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AggregatePartsTest {

  @Test
  void timeBucketsAreLocalAndSortable() {
    TimeBuckets shanghai = new TimeBuckets(ZoneId.of("Asia/Shanghai"));
    long t = Instant.parse("2024-12-31T16:59:59Z").toEpochMilli();
    assertThat(shanghai.hour(t)).isEqualTo("2025-01-01T00");
    assertThat(shanghai.day(t)).isEqualTo("2025-01-01");
    // the remembered hour is not reused for an instant outside it, in either direction
    assertThat(shanghai.hour(t - 3_600_000L)).isEqualTo("2024-12-31T23");
    assertThat(shanghai.day(t - 3_600_000L)).isEqualTo("2024-12-31");
    assertThat(shanghai.hour(t + 1_000)).isEqualTo("2025-01-01T01");
    assertThat(shanghai.hour(t + 999)).isEqualTo("2025-01-01T00");
    assertThat("2024-12-31T23").isLessThan("2025-01-01T00");
  }

  @Test
  void timeBucketsFollowDaylightSavingTime() {
    TimeBuckets berlin = new TimeBuckets(ZoneId.of("Europe/Berlin"));
    // 2024-03-31 01:00Z: clocks jump from 02:00 to 03:00 local
    assertThat(berlin.hour(Instant.parse("2024-03-31T00:30:00Z").toEpochMilli())).isEqualTo("2024-03-31T01");
    assertThat(berlin.hour(Instant.parse("2024-03-31T01:30:00Z").toEpochMilli())).isEqualTo("2024-03-31T03");
    TimeBuckets kolkata = new TimeBuckets(ZoneId.of("Asia/Kolkata")); // +05:30
    assertThat(kolkata.hour(Instant.parse("2024-05-01T04:29:00Z").toEpochMilli())).isEqualTo("2024-05-01T09");
    assertThat(kolkata.hour(Instant.parse("2024-05-01T04:31:00Z").toEpochMilli())).isEqualTo("2024-05-01T10");
  }

  @Test
  void rememberedHoursAgreeWithAFreshComputationWhateverTheOrder() {
    // zones with whole, half and three-quarter hour offsets, daylight saving time, and an old offset in seconds
    for (String id : new String[] {"Asia/Shanghai", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu",
        "America/St_Johns", "Africa/Monrovia"}) {
      ZoneId zone = ZoneId.of(id);
      TimeBuckets buckets = new TimeBuckets(zone);
      java.util.Random random = new java.util.Random(id.hashCode());
      long base = Instant.parse(id.equals("Africa/Monrovia") ? "1970-06-01T00:00:00Z" : "2024-03-20T00:00:00Z")
          .toEpochMilli();
      for (int i = 0; i < 20_000; i++) {
        // jumps back and forth over weeks (an order's versions), and close to hour boundaries
        long t = base + (long) (random.nextDouble() * 30 * 24 * 3_600_000L);
        if (i % 3 == 0) {
          t = t - Math.floorMod(t, 900_000L) + random.nextInt(3) - 1;
        }
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone);
        assertThat(buckets.hour(t)).as("%s at %d", id, t).isEqualTo(TimeBuckets.HOUR.format(local));
        assertThat(buckets.day(t)).as("%s at %d", id, t).isEqualTo(TimeBuckets.DAY.format(local));
      }
    }
  }

  @Test
  void storeKeysLeadWithTheCampaignPrefix() {
    assertThat(AggregateKey.of(Family.FAIR_DAILY, "C-1", "F-1", "2024-05-01").storeKey())
        .isEqualTo("C-1\u001fF-1\u001f2024-05-01").startsWith(AggregateKey.campaignPrefix("C-1"));
    assertThat(AggregateKey.of(Family.CAMPAIGN_TOTAL, "C-1", "").storeKey()).isEqualTo("C-1");
    assertThatThrownBy(() -> Family.ofCode('?')).isInstanceOf(IllegalArgumentException.class);
  }

}
