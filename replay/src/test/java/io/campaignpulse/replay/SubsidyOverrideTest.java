package io.campaignpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The what-if subsidy rules, checked by hand against the programme's arithmetic. */
class SubsidyOverrideTest {

  @ParameterizedTest(name = "{0} on {1} fen = {2} fen")
  @CsvSource({
      // 20% of ¥4,999.99 is ¥999.998, rounded down to whole yuan: ¥999
      "HOME_APPLIANCE=20%:2000, 499999, 99900",
      // 20% of ¥12,000 is ¥2,400, capped at ¥2,000
      "HOME_APPLIANCE=20%:2000, 1200000, 200000",
      // 15% without a cap
      "HOME_APPLIANCE=15%, 1200000, 180000",
      // 12.5% of ¥800 = ¥100
      "DIGITAL=12.5%, 80000, 10000",
      // a fixed ¥20,000 per car
      "AUTO=20000, 15000000, 2000000",
      // never above the price: a fixed ¥500 on a ¥300 purchase gives ¥300
      "E_BIKE=500, 30000, 30000",
      // below one yuan rounds down to nothing
      "OTHER=10%, 900, 0"})
  void computesTheSubsidyInWholeYuanNeverAboveThePrice(String rule, long priceFen, long expectedFen) {
    assertThat(SubsidyOverride.parse(rule).subsidyFen(priceFen)).isEqualTo(expectedFen);
  }

  @Test
  void readsCategoriesInAnyCaseAndWritesRulesBackNormalised() {
    assertThat(SubsidyOverride.parse("home-appliance=20%:2000")).hasToString("HOME_APPLIANCE=20%:2000");
    assertThat(SubsidyOverride.parse("AUTO=20000")).hasToString("AUTO=20000");
    assertThat(SubsidyOverride.parse("DIGITAL=12.50%")).hasToString("DIGITAL=12.5%");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "HOME_APPLIANCE; expected CATEGORY=",
      "FRIDGE=15%; unknown category 'FRIDGE'",
      "AUTO=0%; above 0%",
      "AUTO=101%; at most 100%",
      "AUTO=fifteen; expected RATE%",
      "AUTO=0; expected RATE%",
      "AUTO=15%:-1; expected RATE%"})
  void refusesWhatItCannotRead(String rule, String message) {
    assertThatThrownBy(() -> SubsidyOverride.parse(rule)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rewritesOnlyOrdersOfTheRulesCategoriesAndRefusesTwoRulesForOne() {
    SubsidyRules rules = new SubsidyRules(List.of(SubsidyOverride.parse("HOME_APPLIANCE=20%:2000")));
    TradeInOrder fridge = order(Category.HOME_APPLIANCE, 500_000, 75_000);
    TradeInOrder car = order(Category.AUTO, 15_000_000, 1_500_000);
    assertThat(rules.apply(fridge).getSubsidyAmountFen()).isEqualTo(100_000);
    assertThat(rules.apply(car).getSubsidyAmountFen()).isEqualTo(1_500_000);
    assertThat(rules.describe()).containsExactly("HOME_APPLIANCE=20%:2000");
    assertThatThrownBy(() -> new SubsidyRules(List.of(SubsidyOverride.parse("AUTO=20000"),
        SubsidyOverride.parse("AUTO=15000")))).hasMessageContaining("two subsidy rules for AUTO");
  }

  private static TradeInOrder order(Category category, long priceFen, long subsidyFen) {
    return TradeInOrder.newBuilder().setOrderId("O-1").setVersion(1).setCampaignId("C-1").setCategory(category)
        .setStatus(OrderStatus.PAID).setPurchaseAmountFen(priceFen).setSubsidyAmountFen(subsidyFen)
        .setMerchantId("M-1").setStreet(null).setEventTime(Instant.parse("2024-05-01T02:00:00Z")).build();
  }
}
