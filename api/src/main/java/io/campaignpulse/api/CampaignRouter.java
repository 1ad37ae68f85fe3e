package io.campaignpulse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.streams.query.AnalyticsQueries;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers API requests across the app's instances, never with a wrong number:
 * <ul>
 *   <li>a campaign's request is answered from this instance's active copy of its partition, else forwarded to the
 *   instance running it; when that instance cannot answer (gone, or moving the partition) a standby copy here
 *   answers, marked stale; with neither it is {@link InvalidStateStoreException}, hence 503;</li>
 *   <li>a list is gathered per partition from every instance's active copies ({@link #share}); a partition no
 *   instance answered for is taken from a standby copy here (stale), and if there is none the list is not
 *   answered (503) rather than answered without it.</li>
 * </ul>
 */
final class CampaignRouter {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignRouter.class);

  /** An answer made here (possibly from a standby copy), or another instance's answer to relay as it is. */
  sealed interface Answer {
    record Local(Object body, boolean stale) implements Answer {
    }

    record Relayed(HttpResponse<byte[]> response) implements Answer {
    }
  }

  /** One instance's share of a list: the items of each partition it answered for from its active copy. */
  record Share(Map<Integer, List<JsonNode>> partitions) {
  }

  private final QueryBackend backend;
  private final Peers peers;
  private final ObjectMapper mapper;

  CampaignRouter(QueryBackend backend, Peers peers, ObjectMapper mapper) {
    this.backend = backend;
    this.peers = peers;
    this.mapper = mapper;
  }

  /**
   * Answers a request about one campaign.
   *
   * @param forwarded whether another instance sent it here (then it is answered here or not at all)
   * @param pathAndQuery the request, to forward as it is
   */
  Answer campaign(String campaignId, boolean forwarded, String pathAndQuery,
      Function<AnalyticsQueries, Object> answer) {
    Placement where = backend.placement(campaignId);
    HostInfo self = backend.self();
    if (self.equals(where.active())) {
      return new Answer.Local(answer.apply(backend.partition(where.partition(), false)), false);
    }
    if (where.active() != null && !forwarded) {
      Optional<HttpResponse<byte[]>> remote = peers.get(where.active(), pathAndQuery);
      if (remote.isPresent() && remote.get().statusCode() != 503) {
        return new Answer.Relayed(remote.get());
      }
    }
    if (where.standbys().contains(self)) {
      return new Answer.Local(answer.apply(backend.partition(where.partition(), true)), true);
    }
    throw new InvalidStateStoreException("partition " + where.partition() + " of the campaign stores is "
        + (where.active() == null ? "between instances" : "on " + where.active() + ", which cannot answer now"));
  }

  /**
   * Gathers a list from every instance: {@code internalPath} is the route where each instance serves its
   * {@link #share}; {@code merge} joins the items of all partitions into the answer.
   */
  Answer list(String internalPath, Function<AnalyticsQueries, List<?>> local,
      Function<List<JsonNode>, Object> merge) {
    HostInfo self = backend.self();
    List<CompletableFuture<Optional<HttpResponse<byte[]>>>> remote = new ArrayList<>();
    for (HostInfo peer : backend.instances()) {
      if (!peer.equals(self)) {
        remote.add(peers.getAsync(peer, internalPath));
      }
    }
    Map<Integer, List<JsonNode>> byPartition = new TreeMap<>();
    byPartition.putAll(share(local).partitions());
    for (var response : remote) {
      response.join().filter(r -> r.statusCode() == 200).flatMap(this::parseShare)
          .ifPresent(s -> s.partitions().forEach(byPartition::putIfAbsent));
    }
    boolean stale = false;
    TreeSet<Integer> missing = new TreeSet<>();
    for (int p = 0; p < backend.partitions(); p++) {
      if (!byPartition.containsKey(p)) {
        try {
          byPartition.put(p, items(local.apply(backend.partition(p, true))));
          stale = true;
        } catch (InvalidStateStoreException e) {
          missing.add(p);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidStateStoreException("partitions " + missing + " of the campaign stores are not queryable "
          + "on any instance now");
    }
    List<JsonNode> all = new ArrayList<>();
    byPartition.values().forEach(all::addAll);
    return new Answer.Local(merge.apply(all), stale);
  }

  /**
   * This instance's share of a list: the items of each partition it runs as active and can query now (a partition
   * still restoring is left out, for a standby copy elsewhere to fill in).
   */
  Share share(Function<AnalyticsQueries, List<?>> local) {
    Map<Integer, List<JsonNode>> partitions = new TreeMap<>();
    for (int p : backend.activePartitions()) {
      try {
        partitions.put(p, items(local.apply(backend.partition(p, false))));
      } catch (InvalidStateStoreException e) {
        // not queryable yet
      }
    }
    return new Share(partitions);
  }

  private List<JsonNode> items(List<?> values) {
    List<JsonNode> items = new ArrayList<>(values.size());
    values.forEach(v -> items.add(mapper.valueToTree(v)));
    return items;
  }

  private Optional<Share> parseShare(HttpResponse<byte[]> response) {
    try {
      return Optional.of(mapper.readValue(response.body(), Share.class));
    } catch (IOException e) {
      LOG.warn("an instance answered a list share that does not parse; leaving its partitions to the others", e);
      return Optional.empty();
    }
  }
}
