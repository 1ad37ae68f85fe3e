package io.campaignpulse.app.metrics;

import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.streams.PipelineMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The app's metrics in Prometheus form, for {@code /metrics}: Kafka Streams' own metrics (its stream threads,
 * tasks, stores and embedded consumers and producers, through Micrometer's Kafka Streams binder), the pipeline's
 * counters (dead letters and late events per input topic, duplicate and stale order versions, repeated fair
 * reports, changelog records restored into each store and applied to its standby replicas) and the JVM's. Closing
 * unbinds the Kafka Streams metrics.
 */
public final class PulseMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KafkaStreamsMetrics streamsMetrics;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public PulseMetrics(KafkaStreams streams, PipelineMetrics pipeline, TopicNames topics, Collection<String> stores) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    for (String topic : List.of(topics.orders(), topics.fairVisits(), topics.fairSales(), topics.campaigns())) {
      counter("campaign_pulse_dead_letters", "records of this input topic sent to dead-letters", topic,
          pipeline, p -> p.deadLetters(topic));
    }
    for (String topic : List.of(topics.orders(), topics.fairVisits(), topics.fairSales(), topics.campaigns())) {
      counter("campaign_pulse_registry_waits", "records of this input topic that waited for the schema registry "
          + "(unreachable or failing) to decode", topic, pipeline, p -> p.registryWaits(topic));
    }
    for (String topic : List.of(topics.orders(), topics.fairVisits(), topics.fairSales())) {
      counter("campaign_pulse_late_events", "events of this input topic too late for their hour and day", topic,
          pipeline, p -> p.lateEvents(topic));
    }
    FunctionCounter.builder("campaign_pulse_duplicate_orders", pipeline, p -> p.duplicateOrders())
        .description("order versions seen before, ignored").register(registry);
    FunctionCounter.builder("campaign_pulse_stale_orders", pipeline, p -> p.staleOrders())
        .description("order versions older than the one counted, ignored").register(registry);
    FunctionCounter.builder("campaign_pulse_repeated_fair_sales", pipeline, p -> p.repeatedFairSales())
        .description("fair sales seen before, ignored").register(registry);
    FunctionCounter.builder("campaign_pulse_repeated_fair_visits", pipeline, p -> p.repeatedFairVisits())
        .description("gate reports that replaced an earlier report of their slot").register(registry);
    for (String store : stores) {
      FunctionCounter.builder("campaign_pulse_restored_records", pipeline, p -> p.restoredRecords(store))
          .description("changelog records restored into an active copy of this store (restart, rebalance, failover)")
          .tag("store", store).register(registry);
      FunctionCounter.builder("campaign_pulse_standby_records", pipeline, p -> p.standbyRecords(store))
          .description("changelog records applied to standby replicas of this store").tag("store", store)
          .register(registry);
    }
  }

  private void counter(String name, String description, String topic, PipelineMetrics pipeline,
      ToLongFunction<PipelineMetrics> value) {
    FunctionCounter.builder(name, pipeline, value::applyAsLong).description(description)
        .tag("topic", topic).register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The metrics in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    streamsMetrics.close();
    gcMetrics.close();
    registry.close();
  }
}
