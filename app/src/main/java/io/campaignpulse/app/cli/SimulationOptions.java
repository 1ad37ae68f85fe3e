package io.campaignpulse.app.cli;

import io.campaignpulse.app.sim.Simulation;
import io.campaignpulse.producers.kafka.Pacer;
import io.campaignpulse.producers.sim.Faults;
import io.campaignpulse.producers.sim.Scenario;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** What to simulate and how fast: shared by {@code produce simulate} and {@code demo}. */
public final class SimulationOptions {

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Scenario JSON file (default: the shipped Chuanhui 2024 scenario).")
  Path scenario;

  @Option(names = "--scale", defaultValue = "1.0",
      description = "Scale the scenario's volumes, e.g. 0.01 for 1%% of the year (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--seed", defaultValue = "20241231",
      description = "Random seed; the same seed gives the same events (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rate", paramLabel = "EVENTS_PER_S",
      description = "Send at this many events per second.")
  Double rate;

  @Option(names = "--speedup", paramLabel = "FACTOR",
      description = "Compress event time: 50000 plays the year in about ten and a half minutes.")
  Double speedup;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  Long count;

  @Option(names = "--until", paramLabel = "EVENT_TIME",
      description = "Stop before the first event at or after this event time (ISO-8601, e.g. 2024-07-01T00:00:00Z).")
  Instant until;

  @Option(names = "--ground-truth", paramLabel = "FILE",
      description = "Write the ground-truth totals of what was sent to this JSON file.")
  Path groundTruthFile;

  @Option(names = "--duplicate-rate", defaultValue = "0", description = "Share of events sent twice (0-1).")
  double duplicateRate;

  @Option(names = "--out-of-order-rate", defaultValue = "0",
      description = "Share of order versions sent after their successor (0-1).")
  double outOfOrderRate;

  @Option(names = "--late-rate", defaultValue = "0", description = "Share of events delayed by hours or days (0-1).")
  double lateRate;

  @Option(names = "--malformed-rate", defaultValue = "0",
      description = "Share of extra malformed records, for exercising dead letters (0-1).")
  double malformedRate;

  /** The simulation these options describe. */
  public Simulation.Plan toPlan() {
    Scenario base = scenario == null ? Scenario.defaultScenario() : Scenario.load(scenario);
    if (scale != 1.0) {
      base = base.scaled(scale);
    }
    Faults faults = new Faults(duplicateRate, outOfOrderRate, lateRate, malformedRate, 0);
    if (faults.any()) {
      base = base.withFaults(faults);
    }
    Pacer pacer = rate != null ? Pacer.rate(rate) : speedup != null ? Pacer.speedup(speedup) : Pacer.asFastAsPossible();
    return new Simulation.Plan(base, seed, pacer, count == null ? Long.MAX_VALUE : count, until);
  }
}
