package io.campaignpulse.streams.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * How budget alerts behave. A threshold that has alerted re-arms once granted subsidy falls back below it by
 * {@code rearmPoints} percentage points of the budget (so corrections around a threshold do not repeat its alert);
 * the burn rate is the granted subsidy of the last {@code burnWindow} of event time; a forecast alert fires when
 * the budget is projected to run out within {@code forecastHorizon} (zero turns forecast alerts off; the forecast
 * is still computed for the API).
 */
public record AlertSettings(int rearmPoints, Duration burnWindow, Duration forecastHorizon) {

  public static final int DEFAULT_REARM_POINTS = 5;
  public static final Duration DEFAULT_BURN_WINDOW = Duration.ofDays(3);
  public static final Duration DEFAULT_FORECAST_HORIZON = Duration.ofDays(7);
  /** A forecast alert re-arms when the projection moves this far beyond the horizon, or disappears. */
  public static final Duration FORECAST_REARM_SLACK = Duration.ofDays(1);

  public AlertSettings {
    Objects.requireNonNull(burnWindow, "burnWindow");
    Objects.requireNonNull(forecastHorizon, "forecastHorizon");
    if (rearmPoints < 0 || rearmPoints > 100) {
      throw new IllegalArgumentException("the re-arm margin must be 0-100 percentage points: " + rearmPoints);
    }
    if (burnWindow.toHours() < 1 || burnWindow.toHours() > 24 * 90 || burnWindow.toMinutesPart() != 0
        || burnWindow.toSecondsPart() != 0 || burnWindow.toMillisPart() != 0) {
      throw new IllegalArgumentException("the burn window must be whole hours, 1 hour to 90 days: " + burnWindow);
    }
    if (forecastHorizon.isNegative()) {
      throw new IllegalArgumentException("the forecast horizon must not be negative: " + forecastHorizon);
    }
  }

  public static AlertSettings defaults() {
    return new AlertSettings(DEFAULT_REARM_POINTS, DEFAULT_BURN_WINDOW, DEFAULT_FORECAST_HORIZON);
  }

  public boolean forecastAlerts() {
    return !forecastHorizon.isZero();
  }

  public int burnWindowHours() {
    return (int) burnWindow.toHours();
  }
}
