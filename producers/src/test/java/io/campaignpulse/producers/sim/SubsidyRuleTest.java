package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.producers.sim.Scenario.SubsidyOption;
import org.junit.jupiter.api.Test;

class SubsidyRuleTest {

  @Test
  void shouldGrantTheRateOfThePriceRoundedDownToWholeYuan() {
    // Given 15% of a 3,999 yuan fridge (599.85 yuan)
    SubsidyOption fifteenPercent = new SubsidyOption("二级能效", 1, 0, 1500, 2000);

    // When the subsidy is computed
    long fen = SubsidyRule.subsidyFen(fifteenPercent, 399_900L);

    // Then it is 599 yuan
    assertThat(fen).isEqualTo(59_900L);
  }

  @Test
  void shouldCapAPercentageSubsidy() {
    // Given 20% of a 25,000 yuan appliance, capped at 2,000 yuan
    SubsidyOption twentyPercent = new SubsidyOption("一级能效", 1, 0, 2000, 2000);

    // When / Then the cap applies
    assertThat(SubsidyRule.subsidyFen(twentyPercent, 2_500_000L)).isEqualTo(200_000L);
  }

  @Test
  void shouldNeverGrantMoreThanThePurchase() {
    // Given a fixed 20,000 yuan car subsidy on a 15,000 yuan purchase
    SubsidyOption scrapping = new SubsidyOption("报废更新", 1, 20_000, 0, 0);

    // When / Then the subsidy is the purchase amount
    assertThat(SubsidyRule.subsidyFen(scrapping, 1_500_000L)).isEqualTo(1_500_000L);
    assertThat(SubsidyRule.subsidyFen(scrapping, 12_000_000L)).isEqualTo(2_000_000L);
  }
}
