package io.campaignpulse.producers.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares the column names of a CSV header (or the field names of a JSON line) with the columns of a kind, and
 * says precisely what is wrong: the missing, unknown and repeated names. Names are case-sensitive, like the Avro
 * field names they are.
 */
public final class ColumnCheck {

  private ColumnCheck() {
  }

  /** Null when {@code names} are exactly the kind's columns (optional ones may be left out); else the reason. */
  public static String problem(EventKind kind, Collection<String> names, String noun) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new LinkedHashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        repeated.add(name);
      }
    }
    List<String> missing = kind.columns().stream()
        .filter(c -> !seen.contains(c) && !kind.isOptional(c)).toList();
    List<String> unknown = seen.stream().filter(n -> !kind.columns().contains(n)).sorted().toList();
    if (!missing.isEmpty()) {
      problems.add("missing " + noun + "s " + missing);
    }
    if (!unknown.isEmpty()) {
      problems.add("unknown " + noun + "s " + unknown);
    }
    if (!repeated.isEmpty()) {
      problems.add("repeated " + noun + "s " + repeated);
    }
    if (problems.isEmpty()) {
      return null;
    }
    return String.join("; ", problems) + " (" + kind.label() + " " + noun + "s: " + String.join(",", kind.columns())
        + ")";
  }
}
