package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.producers.sim.Scenario.HourRange;
import io.campaignpulse.producers.sim.Scenario.Lifecycle;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

  private static final long HOUR = SeasonCalendar.HOUR_MS;
  private static final HourRange DAY = new HourRange(24, 24);

  private static Lifecycle lifecycle(double cancel, double stuck, double pay, double refund) {
    return new Lifecycle(cancel, stuck, pay, refund, DAY, DAY, DAY, DAY);
  }

  @Test
  void shouldGoFromSubmittedToRefundedOneDayAtATime() {
    // Given a lifecycle where everything is paid, then refunded, each a day later
    OrderLifecycle always = new OrderLifecycle(lifecycle(0, 0, 1, 1));

    // When an order is planned
    List<OrderLifecycle.Step> steps = always.plan(0, Long.MAX_VALUE, new SplittableRandom(1));

    // Then it has four steps a day apart
    assertThat(steps).extracting(OrderLifecycle.Step::status)
        .containsExactly(OrderStatus.SUBMITTED, OrderStatus.APPROVED, OrderStatus.PAID, OrderStatus.REFUNDED);
    assertThat(steps).extracting(OrderLifecycle.Step::timeMs).containsExactly(0L, 24 * HOUR, 48 * HOUR, 72 * HOUR);
  }

  @Test
  void shouldStopAtTheHorizon() {
    // Given the same lifecycle and a horizon 30 hours after submission
    OrderLifecycle always = new OrderLifecycle(lifecycle(0, 0, 1, 1));

    // When an order is planned
    List<OrderLifecycle.Step> steps = always.plan(0, 30 * HOUR, new SplittableRandom(1));

    // Then it ends APPROVED
    assertThat(steps).extracting(OrderLifecycle.Step::status)
        .containsExactly(OrderStatus.SUBMITTED, OrderStatus.APPROVED);
  }

  @Test
  void shouldCancelOrLeavePendingBeforeApproval() {
    // Given lifecycles that always cancel, and always leave the order under review
    // When orders are planned
    // Then they end CANCELLED, and SUBMITTED
    assertThat(new OrderLifecycle(lifecycle(1, 0, 1, 1)).plan(0, Long.MAX_VALUE, new SplittableRandom(1)))
        .extracting(OrderLifecycle.Step::status).containsExactly(OrderStatus.SUBMITTED, OrderStatus.CANCELLED);
    assertThat(new OrderLifecycle(lifecycle(0, 0.999999, 1, 1)).plan(0, Long.MAX_VALUE, new SplittableRandom(1)))
        .extracting(OrderLifecycle.Step::status).containsExactly(OrderStatus.SUBMITTED);
  }
}
