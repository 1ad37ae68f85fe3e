package io.campaignpulse.contract;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values, defined once so no producer, stream or consumer repeats
 * a name or picks a serde of its own.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
