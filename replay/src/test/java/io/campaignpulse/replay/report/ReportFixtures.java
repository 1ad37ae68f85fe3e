package io.campaignpulse.replay.report;

import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.FairView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replays for the tests: a trade-in campaign with an awkward name and two years of a spring fair. */
final class ReportFixtures {

  /** Commas, quotes, a newline, Chinese, and an attempt to end the embedding script. */
  static final String AWKWARD_NAME = "以旧换新, \"家电\" 专场\n第二行 </script><script>alert(1)</script>";

  private ReportFixtures() {
  }

  static Bucket order(String hour, long consumptionFen, long subsidyFen) {
    return new Bucket(hour, 1, 0, consumptionFen, consumptionFen, subsidyFen, 0, 0, 0, 0);
  }

  static Bucket fairHour(String hour, long visitors, long sales, long salesFen) {
    return new Bucket(hour, 0, 0, salesFen, 0, 0, 0, sales, salesFen, visitors);
  }

  /** The trade-in campaign's series with subsidies scaled by {@code percent} (a changed subsidy rule). */
  static List<Bucket> tradeIn(long percent) {
    List<Bucket> hours = new ArrayList<>();
    long[] subsidies = {3_000_00, 2_000_00, 3_500_00, -1_000_00, 1_000_00, 2_000_00};
    String[] keys = {"2024-05-01T08", "2024-05-01T09", "2024-05-01T10", "2024-05-01T11", "2024-05-02T09",
        "2024-05-02T10"};
    for (int i = 0; i < keys.length; i++) {
      hours.add(order(keys[i], subsidies[i] * 10, subsidies[i] * percent / 100));
    }
    return hours;
  }

  static InMemoryQueries baseline() {
    return queries(100);
  }

  /** The replay again, with every trade-in subsidy at {@code percent} of the baseline's. */
  static InMemoryQueries queries(long percent) {
    return new InMemoryQueries()
        .campaign("ti-2024", AWKWARD_NAME, "TRADE_IN", 10_000_00, List.of(50, 80, 90, 100), tradeIn(percent))
        .categories("ti-2024", order("HOME_APPLIANCE", 60_000_00, 6_000_00), order("AUTO", 35_000_00, 3_500_00),
            order("DIGITAL", 0, 0))
        .streets("ti-2024", order("-", 1_000_00, 100_00), order("荷花路, 东段", 94_000_00, 9_400_00))
        .campaign("spring-2023", "春会 2023", "FESTIVAL_MARKET", 0, List.of(),
            List.of(fairHour("2023-02-01T10", 600, 10, 5_000_00), fairHour("2023-02-02T10", 400, 5, 2_500_00)))
        .campaign("spring-2024", "春会 2024", "FESTIVAL_MARKET", 0, List.of(),
            List.of(fairHour("2024-02-10T10", 1_000, 20, 8_000_00), fairHour("2024-02-11T10", 484, 6, 4_163_00)))
        .fairs("spring-2024", new FairView("hall-b", 484, 6, 4_163_00, 860L),
            new FairView("hall-a", 1_000, 20, 8_000_00, 800L));
  }

  static ReportScope scope(WhatIf whatIf) {
    return new ReportScope(List.of(), Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"),
        "files orders.jsonl,visits.csv", "Asia/Shanghai", whatIf);
  }

  /** The full report: what-if budget and a subsidy rule at 80%, a series comparison. */
  static ReplayReport report() {
    WhatIf whatIf = new WhatIf(Map.of("ti-2024", 6_000_00L), List.of(50, 100), List.of("HOME_APPLIANCE=80%"));
    return ReportBuilder.build(scope(whatIf), new InputSummary(120, 100, 15, 3, 2), baseline(), queries(80),
        List.<String[]>of(new String[] {"spring-2023", "spring-2024"}), Map.of("spring-2023", "春会",
            "spring-2024", "春会"));
  }
}
