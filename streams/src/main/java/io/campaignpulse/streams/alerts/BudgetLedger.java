package io.campaignpulse.streams.alerts;

import io.campaignpulse.avro.AlertKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One campaign's budget and where its spending stands against it, and the rules that decide its alerts.
 *
 * <ul>
 *   <li>A threshold alerts when granted subsidy reaches it (granted * 100 >= threshold * budget, exactly, in fen)
 *       while it is armed, and is then disarmed; thresholds alert in ascending order, so one order that jumps
 *       several gets one alert per threshold.</li>
 *   <li>A disarmed threshold re-arms when granted subsidy falls below it by the re-arm margin (corrections,
 *       a raised budget); crossing it again is a new alert with the next crossing number.</li>
 *   <li>A budget change re-evaluates every threshold at once: a cut below current spending alerts immediately,
 *       a raise re-arms what is now far enough above spending. New thresholds start armed; thresholds that
 *       are removed forget their state.</li>
 *   <li>EXPOSURE: granted plus pending subsidy reaching the whole budget, same arming rule.</li>
 *   <li>FORECAST: at the burn rate of the last window of event time (since the campaign started, when that is
 *       within the window), the budget runs out within the horizon
 *       (and has not yet); re-arms when the projection moves beyond the horizon plus a day, or disappears.</li>
 *   <li>No budget known yet, or a budget of 0 (no subsidy), raises nothing; spending is still tracked.</li>
 * </ul>
 */
public final class BudgetLedger {

  /** No time: no event yet, or no projection. */
  public static final long NO_TIME = Long.MIN_VALUE;
  private static final int EXPOSURE_PERCENT = 100;

  private long budgetFen;
  private int[] thresholds;
  private boolean[] armed;
  private int[] crossings;
  private boolean exposureArmed;
  private int exposureCrossings;
  private boolean forecastArmed;
  private int forecastCrossings;
  private long grantedFen;
  private long pendingFen;
  private long clock;
  private long alerts;
  private long startHour;
  private final BurnWindow burn;

  /** A ledger for a campaign not yet defined: no budget, nothing spent. */
  public static BudgetLedger empty(AlertSettings settings) {
    return new BudgetLedger(-1, new int[0], new boolean[0], new int[0], true, 0, true, 0, 0, 0, NO_TIME, 0,
        BurnWindow.NO_HOUR, new BurnWindow(settings.burnWindowHours()));
  }

  BudgetLedger(long budgetFen, int[] thresholds, boolean[] armed, int[] crossings, boolean exposureArmed,
      int exposureCrossings, boolean forecastArmed, int forecastCrossings, long grantedFen, long pendingFen,
      long clock, long alerts, long startHour, BurnWindow burn) {
    this.budgetFen = budgetFen;
    this.thresholds = thresholds;
    this.armed = armed;
    this.crossings = crossings;
    this.exposureArmed = exposureArmed;
    this.exposureCrossings = exposureCrossings;
    this.forecastArmed = forecastArmed;
    this.forecastCrossings = forecastCrossings;
    this.grantedFen = grantedFen;
    this.pendingFen = pendingFen;
    this.clock = clock;
    this.alerts = alerts;
    this.startHour = startHour;
    this.burn = burn;
  }

  /** Applies one order's subsidy change and returns the alerts it raises, in order. */
  public List<Crossing> apply(SubsidyChange change, AlertSettings settings) {
    grantedFen += change.grantedFen();
    pendingFen += change.pendingFen();
    clock = clock == NO_TIME ? change.eventTime() : Math.max(clock, change.eventTime());
    burn.add(change.eventTime(), change.grantedFen()); // a pending-only change still moves the window on
    return evaluate(settings);
  }

  /**
   * Takes a campaign's (new) budget and thresholds and returns the alerts that raises at once. Thresholds kept
   * keep their state; new ones start armed.
   */
  public List<Crossing> define(long newBudgetFen, List<Integer> newThresholds, long campaignStart,
      AlertSettings settings) {
    int[] sorted = newThresholds.stream().mapToInt(Integer::intValue).filter(t -> t > 0).distinct().sorted()
        .toArray();
    boolean[] nextArmed = new boolean[sorted.length];
    int[] nextCrossings = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      int old = Arrays.binarySearch(thresholds, sorted[i]);
      nextArmed[i] = old < 0 || armed[old];
      nextCrossings[i] = old < 0 ? 0 : crossings[old];
    }
    budgetFen = newBudgetFen;
    startHour = Math.floorDiv(campaignStart, BurnWindow.HOUR_MS);
    thresholds = sorted;
    armed = nextArmed;
    crossings = nextCrossings;
    return evaluate(settings);
  }

  private List<Crossing> evaluate(AlertSettings settings) {
    if (budgetFen <= 0) {
      return List.of();
    }
    List<Crossing> raised = new ArrayList<>(1);
    for (int i = 0; i < thresholds.length; i++) {
      int t = thresholds[i];
      if (armed[i] && reached(grantedFen, t)) {
        armed[i] = false;
        raised.add(new Crossing(AlertKind.THRESHOLD, t, ++crossings[i], -1));
      } else if (!armed[i] && below(grantedFen, t - settings.rearmPoints())) {
        armed[i] = true;
      }
    }
    long exposed = grantedFen + pendingFen;
    if (exposureArmed && reached(exposed, EXPOSURE_PERCENT)) {
      exposureArmed = false;
      raised.add(new Crossing(AlertKind.EXPOSURE, EXPOSURE_PERCENT, ++exposureCrossings, -1));
    } else if (!exposureArmed && below(exposed, EXPOSURE_PERCENT - settings.rearmPoints())) {
      exposureArmed = true;
    }
    if (settings.forecastAlerts()) {
      forecast(settings, raised);
    }
    alerts += raised.size();
    return raised;
  }

  private void forecast(AlertSettings settings, List<Crossing> raised) {
    long toExhaustion = millisToExhaustion();
    if (forecastArmed && toExhaustion > 0 && toExhaustion <= settings.forecastHorizon().toMillis()) {
      forecastArmed = false;
      raised.add(new Crossing(AlertKind.FORECAST, percentGranted(), ++forecastCrossings, clock + toExhaustion));
    } else if (!forecastArmed && (toExhaustion < 0
        || toExhaustion > settings.forecastHorizon().plus(AlertSettings.FORECAST_REARM_SLACK).toMillis())) {
      forecastArmed = true;
    }
  }

  /** True when {@code fen} is at least {@code percent} of the budget, exactly. */
  private boolean reached(long fen, int percent) {
    return comparePercent(fen, percent, budgetFen) >= 0;
  }

  private boolean below(long fen, int percent) {
    return comparePercent(fen, percent, budgetFen) < 0;
  }

  /**
   * The sign of {@code fen * 100 - percent * budget}, in 128-bit arithmetic: no amount, however absurd, overflows
   * into a wrong answer or an exception that would stop the stream thread.
   */
  static int comparePercent(long fen, long percent, long budget) {
    long high = Math.multiplyHigh(fen, 100L);
    long otherHigh = Math.multiplyHigh(percent, budget);
    return high != otherHigh ? Long.compare(high, otherHigh) : Long.compareUnsigned(fen * 100L, percent * budget);
  }

  /**
   * Milliseconds of event time from the campaign's clock until granted subsidy reaches the budget at the recent
   * burn rate: 0 when it already has, -1 when there is no budget or no recent spending.
   */
  public long millisToExhaustion() {
    if (budgetFen <= 0 || clock == NO_TIME) {
      return -1;
    }
    if (grantedFen >= budgetFen) {
      return 0;
    }
    return burn.millisToSpend(budgetFen - grantedFen, startHour);
  }

  /** When the budget runs out at the recent burn rate (event time), or {@link #NO_TIME}. */
  public long projectedExhaustion() {
    long ms = millisToExhaustion();
    if (ms < 0) {
      return NO_TIME;
    }
    try {
      return Math.addExact(clock, ms);
    } catch (ArithmeticException beyondTime) {
      return NO_TIME;
    }
  }

  /** Whole percent of the budget granted, rounded down; 0 without a budget. */
  public int percentGranted() {
    if (budgetFen <= 0) {
      return 0;
    }
    BigInteger percent = BigInteger.valueOf(grantedFen).multiply(BigInteger.valueOf(100))
        .divide(BigInteger.valueOf(budgetFen));
    return percent.bitLength() < 32 ? percent.intValue() : percent.signum() < 0 ? Integer.MIN_VALUE
        : Integer.MAX_VALUE;
  }

  public long budgetFen() {
    return budgetFen;
  }

  public long grantedFen() {
    return grantedFen;
  }

  public long pendingFen() {
    return pendingFen;
  }

  public long clock() {
    return clock;
  }

  /** Alerts raised so far, all kinds: numbers the alerts of this campaign in the alert store. */
  public long alerts() {
    return alerts;
  }

  /** Granted fen per day over the burn window (since the campaign started, when that is within it). */
  public long burnFenPerDay() {
    return burn.fenPerDay(startHour);
  }

  long startHour() {
    return startHour;
  }

  int[] thresholds() {
    return thresholds.clone();
  }

  /** The thresholds that alert, in percent of the budget, ascending (positive and distinct). */
  public List<Integer> thresholdsPercent() {
    return Arrays.stream(thresholds).boxed().toList();
  }

  boolean[] armed() {
    return armed.clone();
  }

  int[] crossings() {
    return crossings.clone();
  }

  boolean exposureArmed() {
    return exposureArmed;
  }

  int exposureCrossings() {
    return exposureCrossings;
  }

  boolean forecastArmed() {
    return forecastArmed;
  }

  int forecastCrossings() {
    return forecastCrossings;
  }

  BurnWindow burn() {
    return burn;
  }
}
