package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.Category;
import io.campaignpulse.producers.sim.Scenario.CampaignSpec;
import io.campaignpulse.producers.sim.Scenario.CategoryRule;
import io.campaignpulse.producers.sim.Scenario.FairCategory;
import io.campaignpulse.producers.sim.Scenario.FairSpec;
import io.campaignpulse.producers.sim.Scenario.FairType;
import io.campaignpulse.producers.sim.Scenario.HourRange;
import io.campaignpulse.producers.sim.Scenario.Lifecycle;
import io.campaignpulse.producers.sim.Scenario.PriceBand;
import io.campaignpulse.producers.sim.Scenario.PriceSpec;
import io.campaignpulse.producers.sim.Scenario.SubsidyOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a {@link Scenario} before it is simulated: dates parse and nest, ids are unique, every
 * reference (campaign, fair type, hour profile, price list, merchant for a category) resolves, and
 * probabilities, weights and amounts are in range. Collects every problem into one message.
 */
final class ScenarioChecks {

  private final List<String> problems = new ArrayList<>();

  private ScenarioChecks() {
  }

  static void check(Scenario s) {
    ScenarioChecks checks = new ScenarioChecks();
    checks.run(s);
    if (!checks.problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", checks.problems));
    }
  }

  private void run(Scenario s) {
    require(s.scale() > 0 && !Double.isInfinite(s.scale()), () -> "scale must be positive, was " + s.scale());
    require(s.timeZone() != null && zoneValid(s.timeZone()), () -> "timeZone is not a zone id: " + s.timeZone());
    LocalDate first = date(s.start(), "start");
    LocalDate last = date(s.end(), "end");
    if (first == null || last == null) {
      return;
    }
    require(!last.isBefore(first), () -> "end " + s.end() + " is before start " + s.start());
    require(s.calendar() != null, () -> "calendar is missing");
    require(s.tradeIn() != null, () -> "tradeIn is missing");
    if (s.calendar() == null || s.tradeIn() == null) {
      return;
    }
    Set<String> profiles = checkCalendar(s.calendar());
    MerchantDirectory merchants = checkMerchants(s);

    Map<String, CampaignSpec> campaigns = new HashMap<>();
    double shares = 0;
    boolean anyTradeIn = false;
    for (CampaignSpec c : s.campaigns()) {
      String id = c.campaignId();
      require(id != null && !id.isBlank(), () -> "a campaign has no campaignId");
      require(campaigns.put(id, c) == null, () -> "duplicate campaignId " + id);
      require(c.kind() != null, () -> "campaign " + id + " has no kind");
      require(c.subsidyBudgetYuan() >= 0, () -> "campaign " + id + " has a negative budget");
      LocalDate cs = date(c.start(), "start of campaign " + id);
      LocalDate ce = date(c.end(), "end of campaign " + id);
      if (cs != null && ce != null) {
        require(!ce.isBefore(cs), () -> "campaign " + id + " ends before it starts");
        require(!cs.isBefore(first) && !ce.isAfter(last),
            () -> "campaign " + id + " is not inside the simulated days " + s.start() + ".." + s.end());
      }
      c.alertThresholdsPercent().forEach(
          t -> require(t != null && t > 0, () -> "campaign " + id + " has a non-positive threshold"));
      if (c.kind() == CampaignKind.TRADE_IN) {
        anyTradeIn = true;
        require(c.tradeIn() != null, () -> "trade-in campaign " + id + " has no tradeIn settings");
        if (c.tradeIn() != null) {
          shares += c.tradeIn().orderShare();
          checkTradeIn(s, c, cs, ce, profiles, merchants);
        }
      } else {
        require(c.tradeIn() == null, () -> "campaign " + id + " is not TRADE_IN but has tradeIn settings");
      }
    }
    if (anyTradeIn) {
      double total = shares;
      require(Math.abs(total - 1.0) < 1e-6, () -> "trade-in orderShare values add up to " + total + ", not 1");
      require(s.tradeIn().countedOrdersTarget() >= 0, () -> "countedOrdersTarget is negative");
      checkLifecycle(s.tradeIn().lifecycle(), "tradeIn.lifecycle");
    }

    s.fairTypes().forEach((name, type) -> checkFairType(s, name, type, profiles, merchants));
    Set<String> fairIds = new HashSet<>();
    for (FairSpec f : s.fairs()) {
      checkFair(f, campaigns, s.fairTypes(), fairIds);
    }
  }

  private Set<String> checkCalendar(Scenario.CalendarSpec cal) {
    require(cal.weekendWeight() > 0, () -> "calendar.weekendWeight must be positive");
    require(cal.dailyNoise() >= 0 && cal.dailyNoise() < 1, () -> "calendar.dailyNoise must be in [0, 1)");
    for (Scenario.Period p : cal.holidays()) {
      checkPeriod(p, "holiday");
    }
    for (Scenario.Period p : cal.peaks()) {
      checkPeriod(p, "peak");
    }
    cal.makeUpWorkdays().forEach(d -> date(d, "makeUpWorkdays"));
    cal.hourProfiles().forEach((name, weights) -> {
      require(weights != null && weights.size() == 24, () -> "hour profile " + name + " needs 24 weights");
      if (weights != null) {
        require(weights.stream().allMatch(w -> w != null && w >= 0)
            && weights.stream().mapToDouble(Double::doubleValue).sum() > 0,
            () -> "hour profile " + name + " needs non-negative weights with a positive sum");
      }
    });
    return cal.hourProfiles().keySet();
  }

  private void checkPeriod(Scenario.Period p, String what) {
    LocalDate from = date(p.from(), what + " " + p.name());
    LocalDate to = date(p.to(), what + " " + p.name());
    require(from == null || to == null || !to.isBefore(from), () -> what + " " + p.name() + " ends before it starts");
    require(p.weight() > 0, () -> what + " " + p.name() + " needs a positive weight");
  }

  private MerchantDirectory checkMerchants(Scenario s) {
    Set<String> ids = new HashSet<>();
    for (Scenario.MerchantSpec m : s.merchants()) {
      require(m.merchantId() != null && ids.add(m.merchantId()),
          () -> "missing or duplicate merchantId " + m.merchantId());
      require(m.weight() > 0, () -> "merchant " + m.merchantId() + " needs a positive weight");
      require(!m.categories().isEmpty(), () -> "merchant " + m.merchantId() + " sells no category");
      require(m.street() == null || s.streets().contains(m.street()),
          () -> "merchant " + m.merchantId() + " is on unknown street " + m.street());
    }
    return new MerchantDirectory(s.merchants());
  }

  private void checkTradeIn(Scenario s, CampaignSpec c, LocalDate cs, LocalDate ce, Set<String> profiles,
      MerchantDirectory merchants) {
    String id = c.campaignId();
    Scenario.CampaignTradeIn t = c.tradeIn();
    require(t.orderShare() >= 0, () -> "campaign " + id + " has a negative orderShare");
    require(t.rampDays() >= 0, () -> "campaign " + id + " has negative rampDays");
    require(profiles.contains(t.hourProfile()),
        () -> "campaign " + id + " uses unknown hour profile " + t.hourProfile());
    if (t.applicationsClose() != null) {
      LocalDate close = date(t.applicationsClose(), "applicationsClose of " + id);
      require(close == null || cs == null || ce == null || (!close.isBefore(cs) && !close.isAfter(ce)),
          () -> "applicationsClose of " + id + " is outside the campaign");
    }
    if (t.lifecycle() != null) {
      checkLifecycle(t.lifecycle(), "lifecycle of " + id);
    }
    require(!t.categories().isEmpty(), () -> "campaign " + id + " has no categories");
    for (CategoryRule rule : t.categories()) {
      Category cat = rule.category();
      require(rule.weight() > 0, () -> "category " + cat + " of " + id + " needs a positive weight");
      require(checkPrices(s.tradeIn().prices().get(cat)),
          () -> "no valid tradeIn price for " + cat + " (campaign " + id + ")");
      require(merchants.has(cat, s.tradeIn().merchantSegments()),
          () -> "no merchant of segments " + s.tradeIn().merchantSegments() + " sells " + cat);
      require(!rule.subsidy().isEmpty(), () -> "category " + cat + " of " + id + " has no subsidy options");
      for (SubsidyOption o : rule.subsidy()) {
        require(o.weight() > 0 && o.fixedYuan() >= 0 && o.rateBp() >= 0 && o.rateBp() <= 10_000 && o.capYuan() >= 0
            && (o.fixedYuan() > 0) != (o.rateBp() > 0),
            () -> "subsidy option " + o.label() + " of " + id
                + " needs a positive weight and either fixedYuan or a rateBp in 1..10000");
      }
    }
  }

  private void checkLifecycle(Lifecycle l, String where) {
    require(l != null, () -> where + " is missing");
    if (l == null) {
      return;
    }
    require(prob(l.cancelProbability()) && prob(l.stuckProbability()) && prob(l.payProbability())
        && prob(l.refundProbability()) && l.cancelProbability() + l.stuckProbability() < 1,
        () -> where + ": probabilities must be in [0, 1] and cancel + stuck below 1");
    for (HourRange r : new HourRange[] {l.cancelDelayHours(), l.approvalDelayHours(), l.paymentDelayHours(),
        l.refundDelayHours()}) {
      require(r != null && r.min() > 0 && r.max() >= r.min(), () -> where + ": delay ranges need 0 < min <= max");
    }
  }

  private boolean checkPrices(PriceSpec p) {
    if (p == null || p.bands().isEmpty() || p.stepYuan() <= 0) {
      return false;
    }
    for (PriceBand b : p.bands()) {
      if (b.minYuan() <= 0 || b.maxYuan() < b.minYuan() || b.weight() <= 0) {
        return false;
      }
    }
    return true;
  }

  private void checkFairType(Scenario s, String name, FairType type, Set<String> profiles,
      MerchantDirectory merchants) {
    require(profiles.contains(type.hourProfile()),
        () -> "fair type " + name + " uses unknown hour profile " + type.hourProfile());
    require(!type.categories().isEmpty(), () -> "fair type " + name + " sells no category");
    for (FairCategory fc : type.categories()) {
      require(fc.weight() > 0, () -> "fair type " + name + ": category " + fc.category() + " needs a positive weight");
      PriceSpec prices = fc.prices() != null ? fc.prices() : s.tradeIn().prices().get(fc.category());
      require(checkPrices(prices), () -> "fair type " + name + ": no valid price for " + fc.category());
      require(merchants.has(fc.category(), type.merchantSegments()),
          () -> "fair type " + name + ": no merchant of segments " + type.merchantSegments()
              + " sells " + fc.category());
    }
  }

  private void checkFair(FairSpec f, Map<String, CampaignSpec> campaigns, Map<String, FairType> types,
      Set<String> ids) {
    String id = f.fairId();
    require(id != null && ids.add(id), () -> "missing or duplicate fairId " + id);
    require(types.containsKey(f.type()), () -> "fair " + id + " has unknown type " + f.type());
    require(f.days() >= 1 && f.gates() >= 1 && f.visitorsPerDay() >= 0 && f.salesYuan() >= 0,
        () -> "fair " + id + " needs days >= 1, gates >= 1 and non-negative visitors and sales");
    CampaignSpec c = campaigns.get(f.campaignId());
    require(c != null && c.kind() != CampaignKind.TRADE_IN,
        () -> "fair " + id + " must belong to a CONSUMER_FAIR or FESTIVAL_MARKET campaign, not " + f.campaignId());
    LocalDate start = date(f.start(), "start of fair " + id);
    if (c != null && start != null && f.days() >= 1 && parses(c.start()) && parses(c.end())) {
      require(!f.firstDay().isBefore(c.firstDay()) && !f.lastDay().isAfter(c.lastDay()),
          () -> "fair " + id + " (" + f.firstDay() + ".." + f.lastDay() + ") is outside campaign " + c.campaignId());
    }
  }

  private static boolean parses(String date) {
    try {
      LocalDate.parse(date);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean prob(double p) {
    return p >= 0 && p <= 1;
  }

  private static boolean zoneValid(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private LocalDate date(String text, String what) {
    try {
      return LocalDate.parse(text);
    } catch (RuntimeException e) {
      problems.add(what + " is not an ISO date: " + text);
      return null;
    }
  }

  private void require(boolean ok, Supplier<String> problem) {
    if (!ok) {
      problems.add(problem.get());
    }
  }
}
