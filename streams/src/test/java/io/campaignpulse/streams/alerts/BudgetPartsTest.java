package io.campaignpulse.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.AlertKind;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BudgetPartsTest {

  private static final long H = BurnWindow.HOUR_MS;

  @Test
  void theBurnWindowKeepsTheLastHoursAndForgetsOlderOnes() {
    BurnWindow w = new BurnWindow(3);
    w.add(10 * H, 100);
    w.add(11 * H + 5, 50);
    assertThat(w.sumFen()).isEqualTo(150);
    w.add(9 * H, 7); // within the window [9, 11]
    assertThat(w.sumFen()).isEqualTo(157);
    w.add(8 * H, 1_000); // older than the window: totals only
    assertThat(w.sumFen()).isEqualTo(157);
    w.add(13 * H, 1); // the window moves to [11, 13]: hours 9 and 10 drop out
    assertThat(w.sumFen()).isEqualTo(51);
    w.add(100 * H, 0); // far ahead: everything drops out
    assertThat(w.sumFen()).isZero();
  }

  @Test
  void theRateIsOverTheHoursSinceTheCampaignStartedWithinTheWindow() {
    BurnWindow w = new BurnWindow(72);
    w.add(20 * H, 2_400);
    assertThat(w.coveredHours(BurnWindow.NO_HOUR)).isEqualTo(72);
    assertThat(w.coveredHours(17)).isEqualTo(4);
    assertThat(w.fenPerDay(17)).isEqualTo(2_400 * 24 / 4);
    assertThat(w.coveredHours(25)).as("a start after the newest hour still counts one hour").isEqualTo(1);
    // 2,400 fen in 4 hours: 1,000 fen more take 1 h 40 min
    assertThat(w.millisToSpend(1_000, 17)).isEqualTo(100 * 60_000L);
    assertThat(w.millisToSpend(1, 17)).as("rounded up").isEqualTo(6_000L);
    assertThat(w.millisToSpend(0, 17)).isZero();
    assertThat(new BurnWindow(72).millisToSpend(1_000, 17)).as("no spending, no projection").isEqualTo(-1);
  }

  @Test
  void aProjectionBeyondTheRangeOfLongIsCapped() {
    BurnWindow w = new BurnWindow(2160);
    w.add(0, 1);
    assertThat(w.millisToSpend(Long.MAX_VALUE / 2, BurnWindow.NO_HOUR)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theWindowsRunningSumAndArithmeticEqualARecountOfItsHours() {
    Random random = new Random(17);
    for (int run = 0; run < 200; run++) {
      int hours = 1 + random.nextInt(run % 2 == 0 ? 5 : 100);
      BurnWindow w = new BurnWindow(hours);
      long startHour = random.nextBoolean() ? BurnWindow.NO_HOUR : random.nextInt(50);
      long hour = random.nextInt(50);
      for (int i = 0; i < 300; i++) {
        hour += random.nextInt(10) < 7 ? 0 : random.nextInt(hours + 3) - 1; // mostly the same hour, a jump now and then
        long fen = switch (random.nextInt(10)) {
          case 0 -> -random.nextInt(1_000_000);
          case 1 -> random.nextLong() >> random.nextInt(64); // absurd amounts too
          default -> random.nextInt(2_000_000);
        };
        w.add(hour * H + random.nextInt((int) H), fen);
        long sum = Arrays.stream(w.buckets()).sum(); // the recount, wrapping as a long sum does
        assertThat(w.sumFen()).isEqualTo(sum);
        BigInteger covered = BigInteger.valueOf(w.coveredHours(startHour));
        long remaining = random.nextInt(4) == 0 ? random.nextLong() >>> random.nextInt(64) : random.nextInt(1 << 30);
        long expectedMs;
        if (sum <= 0) {
          expectedMs = -1;
        } else if (remaining <= 0) {
          expectedMs = 0;
        } else {
          BigInteger[] qr = BigInteger.valueOf(remaining).multiply(covered)
              .multiply(BigInteger.valueOf(H)).divideAndRemainder(BigInteger.valueOf(sum));
          BigInteger ms = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
          expectedMs = ms.bitLength() < 63 ? ms.longValue() : Long.MAX_VALUE;
        }
        assertThat(w.millisToSpend(remaining, startHour)).as("run %d, change %d", run, i).isEqualTo(expectedMs);
        if (sum > 0) {
          BigInteger perDay = BigInteger.valueOf(sum).multiply(BigInteger.valueOf(24))
              .divide(covered);
          if (perDay.bitLength() < 64) {
            assertThat(w.fenPerDay(startHour)).isEqualTo(perDay.longValueExact());
          }
        } else {
          assertThat(w.fenPerDay(startHour)).isZero();
        }
      }
    }
  }

  @Test
  void theLedgerSurvivesItsSerdeWithItsState() {
    AlertSettings settings = AlertSettings.defaults();
    BudgetLedger ledger = BudgetLedger.empty(settings);
    ledger.define(1_000_000, List.of(80, 50, 50, 90), 0, settings);
    List<Crossing> raised = ledger.apply(new SubsidyChange("o-1", 5 * H, 600_000, 30_000), settings);
    assertThat(raised).extracting(Crossing::kind, Crossing::thresholdPercent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.THRESHOLD, 50),
            org.assertj.core.groups.Tuple.tuple(AlertKind.FORECAST, 60));
    BudgetLedgerSerde serde = new BudgetLedgerSerde(settings);
    BudgetLedger copy = serde.deserializer().deserialize("t", serde.serializer().serialize("t", ledger));
    assertThat(copy.thresholds()).containsExactly(50, 80, 90);
    assertThat(copy.thresholdsPercent()).containsExactly(50, 80, 90);
    assertThat(copy.armed()).containsExactly(false, true, true);
    assertThat(copy.crossings()).containsExactly(1, 0, 0);
    assertThat(copy.grantedFen()).isEqualTo(600_000);
    assertThat(copy.pendingFen()).isEqualTo(30_000);
    assertThat(copy.alerts()).isEqualTo(2);
    assertThat(copy.forecastArmed()).isFalse();
    assertThat(copy.projectedExhaustion()).isEqualTo(ledger.projectedExhaustion());
    assertThat(copy.burnFenPerDay()).isEqualTo(ledger.burnFenPerDay());
    // the same next step on the copy and the original decides the same
    SubsidyChange next = new SubsidyChange("o-2", 6 * H, 250_000, 0);
    assertThat(copy.apply(next, settings)).isEqualTo(ledger.apply(next, settings));
  }

  @Test
  void aChangedBurnWindowSettingRestartsTheWindowOnly() {
    AlertSettings settings = AlertSettings.defaults();
    BudgetLedger ledger = BudgetLedger.empty(settings);
    ledger.define(1_000_000, List.of(50), 0, settings);
    ledger.apply(new SubsidyChange("o-1", 5 * H, 100_000, 0), settings);
    byte[] bytes = new BudgetLedgerSerde(settings).serializer().serialize("t", ledger);
    AlertSettings wider = new AlertSettings(5, Duration.ofDays(7), Duration.ofDays(7));
    BudgetLedger copy = new BudgetLedgerSerde(wider).deserializer().deserialize("t", bytes);
    assertThat(copy.grantedFen()).isEqualTo(100_000);
    assertThat(copy.burn().hours()).isEqualTo(168);
    assertThat(copy.burn().sumFen()).isZero();
  }

  @Test
  void corruptLedgersAreSerializationErrors() {
    BudgetLedgerSerde ledgers = new BudgetLedgerSerde(AlertSettings.defaults());
    assertThatThrownBy(() -> ledgers.deserializer().deserialize("t", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> ledgers.deserializer().deserialize("t", new byte[] {9}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void percentComparisonsAreExactEvenForAbsurdAmounts() {
    assertThat(BudgetLedger.comparePercent(50, 50, 100)).isZero();
    assertThat(BudgetLedger.comparePercent(49, 50, 100)).isNegative();
    assertThat(BudgetLedger.comparePercent(-1, 50, 100)).isNegative();
    assertThat(BudgetLedger.comparePercent(Long.MAX_VALUE, 100, Long.MAX_VALUE)).isZero();
    assertThat(BudgetLedger.comparePercent(Long.MAX_VALUE - 1, 100, Long.MAX_VALUE)).isNegative();
    assertThat(BudgetLedger.comparePercent(Long.MAX_VALUE / 99, 1, Long.MAX_VALUE)).isPositive();
    assertThat(BudgetLedger.comparePercent(Long.MIN_VALUE, 1, 1)).isNegative();
    AlertSettings settings = new AlertSettings(5, Duration.ofDays(3), Duration.ZERO);
    BudgetLedger ledger = BudgetLedger.empty(settings);
    ledger.define(Long.MAX_VALUE / 2, List.of(50, 100), 0, settings);
    assertThat(ledger.apply(new SubsidyChange("o-1", 0, Long.MAX_VALUE / 4 + 1, 0), settings))
        .extracting(Crossing::thresholdPercent).containsExactly(50);
    assertThat(ledger.percentGranted()).isEqualTo(50);
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new AlertSettings(-1, Duration.ofDays(3), Duration.ofDays(7)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings(5, Duration.ofMinutes(90), Duration.ofDays(7)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings(5, Duration.ofDays(3), Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new AlertSettings(5, Duration.ofDays(3), Duration.ZERO).forecastAlerts()).isFalse();
    assertThat(new Crossing(AlertKind.EXPOSURE, 100, 2, -1).alertId("C-1")).isEqualTo("C-1:EXPOSURE:100:2");
  }
}
