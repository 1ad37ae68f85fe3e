package io.campaignpulse.replay;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to replay: the campaigns (empty for all), the event-time range (either end open when null), the what-if
 * subsidy rules (a second run recomputes every order's subsidy under them), whether to keep the replay's topics
 * and group afterwards, and the source: the live input topics, or historical files (orders, fair visits, fair sales
 * in the ingest formats; campaign definitions still come from the live campaigns topic) whose bad lines go to
 * {@code rejects}. The id names everything the replay makes on the cluster.
 */
public record ReplayRequest(String id, Set<String> campaigns, Instant from, Instant to,
    List<SubsidyOverride> subsidyRules, boolean keep, List<Path> files, Path rejects) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  public ReplayRequest {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a replay id is 1-40 lower-case letters, digits and dashes: '" + id + "'");
    }
    campaigns = Set.copyOf(campaigns);
    subsidyRules = List.copyOf(subsidyRules);
    files = List.copyOf(files);
    if (!files.isEmpty()) {
      Objects.requireNonNull(rejects, "a replay of files needs a rejects file");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
    }
  }

  /** A replay of the live input topics. */
  public ReplayRequest(String id, Set<String> campaigns, Instant from, Instant to, List<SubsidyOverride> subsidyRules,
      boolean keep) {
    this(id, campaigns, from, to, subsidyRules, keep, List.of(), null);
  }

  /** A fresh id: the time it started, in base 36, and a random part. */
  public static String newId() {
    return Long.toString(System.currentTimeMillis(), 36) + "-"
        + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
  }

  /** The prefix of every name this replay makes: its runs' application ids, topics and groups. */
  public String prefix() {
    return "campaign-pulse-replay." + id + ".";
  }
}
