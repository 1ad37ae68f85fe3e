package io.campaignpulse.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code campaign-pulse bench ...}: benchmarks that measure the project's own paths next to Kafka's perf tools in
 * the same run and report ratios, because absolute figures on a shared, noisy machine mean little.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "campaign-pulse-bench 0.1.0",
    description = "Benchmarks: the project's Kafka paths and API against Kafka's own perf tools, as ratios.",
    subcommands = {ProduceBenchCommand.class, StreamsBenchCommand.class, ReplayBenchCommand.class,
        QueryBenchCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand {
}
