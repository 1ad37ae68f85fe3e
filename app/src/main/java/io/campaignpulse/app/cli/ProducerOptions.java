package io.campaignpulse.app.cli;

import io.campaignpulse.app.config.PulseConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Producer-only Kafka settings of the commands that produce. */
public final class ProducerOptions {

  @Option(names = "--producer-config", paramLabel = "FILE",
      defaultValue = "${env:CAMPAIGN_PULSE_PRODUCER_CONFIG}",
      description = "Kafka producer properties, applied after --client-config: batching, compression, SASL/SSL "
          + "for producers only (env CAMPAIGN_PULSE_PRODUCER_CONFIG).")
  Path producerConfig;

  PulseConfig applyTo(PulseConfig config) {
    return producerConfig == null ? config : config.withProducerConfig(producerConfig);
  }
}
