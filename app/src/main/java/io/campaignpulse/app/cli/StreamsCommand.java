package io.campaignpulse.app.cli;

import io.campaignpulse.app.Lifecycle;
import io.campaignpulse.app.PipelineService;
import io.campaignpulse.app.config.PulseConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code campaign-pulse streams}: the streams app and its API against an existing cluster and registry. */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = "Run the streams app and the HTTP API against an existing Kafka cluster and schema registry.")
public final class StreamsCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Mixin
  StreamsOptions streams;

  @Override
  public Integer call() throws InterruptedException {
    PulseConfig config = cluster.toConfig(streams);
    try (Lifecycle lifecycle = new Lifecycle().closeOnShutdown()) {
      PipelineService service = lifecycle.own(PipelineService.start(config, streams.apiSettings()));
      System.out.printf("campaign-pulse streams: API on http://%s:%d/api/campaigns (Ctrl-C to stop)%n",
          streams.httpHost, service.httpPort());
      while (!lifecycle.awaitClosed(1, TimeUnit.HOURS)) {
        // serve until Ctrl-C or SIGTERM
      }
    }
    return 0;
  }
}
