package io.campaignpulse.app.cli;

import picocli.CommandLine.Command;

/** {@code campaign-pulse produce ...}: put events into Kafka. */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = "Produce campaign events into Kafka.",
    subcommands = {SimulateCommand.class, FileCommand.class})
public final class ProduceCommand {
}
