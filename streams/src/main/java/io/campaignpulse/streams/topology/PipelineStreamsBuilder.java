package io.campaignpulse.streams.topology;

import org.apache.kafka.streams.StreamsBuilder;

/**
 * The pipeline's {@link StreamsBuilder}: it can make an input topic the changelog of a store, as Kafka Streams does
 * for a source KTable (there through {@code topology.optimization}, here for the processor API store
 * {@code orders-latest-store}, see {@link io.campaignpulse.streams.store.OrdersLatestStore}). Kafka Streams then
 * restores the store from the input topic, up to the committed offset, and creates no changelog topic for it.
 */
public final class PipelineStreamsBuilder extends StreamsBuilder {

  /** Restores {@code storeName} (added with logging disabled) from the input topic {@code topic}. */
  void restoreFromSource(String storeName, String topic) {
    internalTopologyBuilder.connectSourceStoreAndTopic(storeName, topic);
  }
}
