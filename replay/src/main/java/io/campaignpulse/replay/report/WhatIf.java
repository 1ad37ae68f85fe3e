package io.campaignpulse.replay.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The overrides of a what-if replay. Budgets and thresholds only change how the same spending is judged, so
 * they need no second replay; a subsidy rule changes the subsidy of each order, so it needs one (the scenario
 * of {@link ReportBuilder#build}).
 *
 * @param budgetsFen campaignId to the budget to judge it by, in fen (sorted by id)
 * @param thresholdsPercent the thresholds to judge every campaign by (ascending, distinct), or null to keep each
 *     campaign's own
 * @param subsidyRules the subsidy-rule overrides as text for people, e.g. {@code HOME_APPLIANCE=20%,cap 2000}
 */
public record WhatIf(Map<String, Long> budgetsFen, List<Integer> thresholdsPercent, List<String> subsidyRules) {

  /** No overrides. */
  public static final WhatIf NONE = new WhatIf(Map.of(), null, List.of());

  public WhatIf {
    budgetsFen = budgetsFen == null ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(budgetsFen));
    thresholdsPercent = thresholdsPercent == null ? null : List.copyOf(new TreeSet<>(thresholdsPercent));
    subsidyRules = subsidyRules == null ? List.of() : List.copyOf(subsidyRules);
  }

  /** True when nothing is overridden: the report then has no what-if outcome. */
  @JsonIgnore
  public boolean isEmpty() {
    return budgetsFen.isEmpty() && thresholdsPercent == null && subsidyRules.isEmpty();
  }
}
