package io.campaignpulse.producers.sim;

import io.campaignpulse.producers.sim.Scenario.SubsidyOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The subsidy of a trade-in order of one category: an option drawn by weight (e.g. scrapping vs
 * replacing a car, first- vs second-grade energy label), then either its fixed amount or its rate of
 * the price capped at its cap; rounded down to whole yuan and never above the price. Integer fen.
 */
final class SubsidyRule {

  private final Weighted<SubsidyOption> options;

  SubsidyRule(List<SubsidyOption> options) {
    this.options = new Weighted<>(options, SubsidyOption::weight);
  }

  long drawFen(long priceFen, SplittableRandom rnd) {
    return subsidyFen(options.pick(rnd), priceFen);
  }

  /** The subsidy {@code option} grants on a purchase of {@code priceFen}. */
  static long subsidyFen(SubsidyOption option, long priceFen) {
    long fen;
    if (option.fixedYuan() > 0) {
      fen = option.fixedYuan() * 100L;
    } else {
      fen = Math.multiplyExact(priceFen, (long) option.rateBp()) / 10_000L;
      if (option.capYuan() > 0) {
        fen = Math.min(fen, option.capYuan() * 100L);
      }
    }
    fen = fen / 100L * 100L;
    return Math.min(fen, priceFen);
  }
}
