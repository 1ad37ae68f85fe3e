package io.campaignpulse.api;

import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where one campaign's stores live: the store partition its id hashes to, the instance running that partition as
 * active ({@code null} while none is known, e.g. during a rebalance), and the instances keeping standby copies.
 */
public record Placement(int partition, HostInfo active, Set<HostInfo> standbys) {

  public Placement {
    standbys = Set.copyOf(standbys);
  }
}
