package io.campaignpulse.producers.sim;

/**
 * Delivery faults the simulator injects, each at a rate per genuine event; none of them changes the
 * ground truth under the counting rules.
 *
 * <ul>
 *   <li>{@code duplicateRate}: the event is sent twice, identically (same orderId and version, same
 *       saleId, same fairId/gateId/eventTime), the copy right after the original.</li>
 *   <li>{@code outOfOrderRate}: an order event that has a later version is held back and sent just
 *       after that later version (applies only to order events that have a successor).</li>
 *   <li>{@code lateRate}: the event is held back and sent between one hour and {@code maxLateHours}
 *       after its event time, when the stream has moved on.</li>
 *   <li>{@code malformedRate}: next to the event an extra record is sent whose bytes are not a valid
 *       record of the stream (no value); it carries nothing to count.</li>
 * </ul>
 * Duplicate, out-of-order and late are exclusive for one event, so their rates add up to at most 1.
 * Campaign definitions are never faulted. {@code maxLateHours} 0 or absent means 72.
 */
public record Faults(double duplicateRate, double outOfOrderRate, double lateRate, double malformedRate,
                     int maxLateHours) {

  /** No faults: every event once, in event-time order. */
  public static final Faults NONE = new Faults(0, 0, 0, 0, 0);

  private static final int DEFAULT_MAX_LATE_HOURS = 72;

  public Faults {
    for (double rate : new double[] {duplicateRate, outOfOrderRate, lateRate, malformedRate}) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("fault rates must be in [0, 1]: " + rate);
      }
    }
    if (duplicateRate + outOfOrderRate + lateRate > 1) {
      throw new IllegalArgumentException("duplicate + out-of-order + late rates exceed 1");
    }
    if (maxLateHours < 0) {
      throw new IllegalArgumentException("maxLateHours must not be negative: " + maxLateHours);
    }
    if (maxLateHours == 0) {
      maxLateHours = DEFAULT_MAX_LATE_HOURS;
    }
  }

  /** Every fault at the same rate. */
  public static Faults uniform(double rate) {
    return new Faults(rate, rate, rate, rate, DEFAULT_MAX_LATE_HOURS);
  }

  /** Whether any fault is injected. */
  public boolean any() {
    return duplicateRate > 0 || outOfOrderRate > 0 || lateRate > 0 || malformedRate > 0;
  }
}
