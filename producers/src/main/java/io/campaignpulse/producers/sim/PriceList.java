package io.campaignpulse.producers.sim;

import io.campaignpulse.producers.sim.Scenario.PriceBand;
import io.campaignpulse.producers.sim.Scenario.PriceSpec;
import java.util.SplittableRandom;

/**
 * Draws prices of one category: a band by weight, then a price uniform on the band's grid of
 * {@code stepYuan}, returned in fen. The price is drawn as an integer number of steps, never through
 * floating point.
 */
final class PriceList {

  private final long stepYuan;
  private final Weighted<PriceBand> bands;

  PriceList(PriceSpec spec) {
    this.stepYuan = spec.stepYuan();
    this.bands = new Weighted<>(spec.bands(), PriceBand::weight);
  }

  long drawFen(SplittableRandom rnd) {
    PriceBand band = bands.pick(rnd);
    long steps = (band.maxYuan() - band.minYuan()) / stepYuan;
    long yuan = band.minYuan() + stepYuan * rnd.nextLong(steps + 1);
    return yuan * 100L;
  }
}
