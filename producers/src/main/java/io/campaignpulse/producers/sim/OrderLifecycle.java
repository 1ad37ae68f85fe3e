package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.producers.sim.Scenario.HourRange;
import io.campaignpulse.producers.sim.Scenario.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the status changes of one trade-in order from its submission: SUBMITTED, then CANCELLED, left
 * pending, or APPROVED after a review delay; an approved order may be PAID (subsidy disbursed) and a
 * paid one REFUNDED (goods returned). Steps falling at or after the horizon are not planned: the order
 * stays in the state it reached.
 */
final class OrderLifecycle {

  /** One status change at an instant; version is the step's position, from 1. */
  record Step(OrderStatus status, long timeMs) {
  }

  private final Lifecycle spec;

  OrderLifecycle(Lifecycle spec) {
    this.spec = spec;
  }

  List<Step> plan(long submittedMs, long horizonMs, SplittableRandom rnd) {
    List<Step> steps = new ArrayList<>(4);
    steps.add(new Step(OrderStatus.SUBMITTED, submittedMs));
    double outcome = rnd.nextDouble();
    if (outcome < spec.cancelProbability()) {
      steps.add(new Step(OrderStatus.CANCELLED, submittedMs + delay(spec.cancelDelayHours(), rnd)));
    } else if (outcome >= spec.cancelProbability() + spec.stuckProbability()) {
      long approved = submittedMs + delay(spec.approvalDelayHours(), rnd);
      steps.add(new Step(OrderStatus.APPROVED, approved));
      if (rnd.nextDouble() < spec.payProbability()) {
        long paid = approved + delay(spec.paymentDelayHours(), rnd);
        steps.add(new Step(OrderStatus.PAID, paid));
        if (rnd.nextDouble() < spec.refundProbability()) {
          steps.add(new Step(OrderStatus.REFUNDED, paid + delay(spec.refundDelayHours(), rnd)));
        }
      }
    }
    steps.removeIf(s -> s.timeMs() >= horizonMs);
    return steps;
  }

  private static long delay(HourRange hours, SplittableRandom rnd) {
    return Math.round(Rngs.logUniform(rnd, hours.min(), hours.max()) * SeasonCalendar.HOUR_MS);
  }
}
