package io.campaignpulse.bench;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Order ids for latency probes that all land on one partition of the orders topic, so one stream task reads them
 * in send order: the Java producer's partition of a keyed record is {@code toPositive(murmur2(key)) % partitions}
 * (its built-in partitioner), and a probe's id gets a suffix until it hashes to the chosen partition.
 */
public final class ProbeKeys {

  private ProbeKeys() {
  }

  /** The partition the Java producer's default partitioner picks for this key. */
  public static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** The id of probe {@code k} (from 1), hashing to {@code partition} of {@code partitions}. */
  public static String key(int k, int partition, int partitions) {
    String base = String.format("PROBE-%07d", k);
    if (partitionOf(base, partitions) == partition) {
      return base;
    }
    for (int salt = 1; ; salt++) {
      String candidate = base + "-" + salt;
      if (partitionOf(candidate, partitions) == partition) {
        return candidate;
      }
    }
  }
}
