package io.campaignpulse.app.cli;

import picocli.CommandLine.Command;

/** {@code campaign-pulse campaign ...}: define and change campaigns. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
    description = "Define or change a campaign on the compacted campaigns topic.",
    subcommands = {CampaignPutCommand.class})
public final class CampaignCommand {
}
