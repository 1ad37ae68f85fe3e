package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.Category;
import io.campaignpulse.producers.sim.Scenario.CampaignSpec;
import io.campaignpulse.producers.sim.Scenario.CampaignTradeIn;
import io.campaignpulse.producers.sim.Scenario.MerchantSpec;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the trade-in applications of each day, for every trade-in campaign.
 *
 * <p>The counted-orders target is split exactly over the campaigns by their shares, and a campaign's part
 * over its application days in proportion to the day weights (seasonality, a ramp-up after launch,
 * day-to-day noise), giving each day a quota of orders that will finally count. A day's applications are
 * drawn (category, merchant, price, subsidy, submission time, lifecycle) until that many of them will
 * count; cancelled, stuck or refunded applications come on top. Order ids are assigned in submission
 * order: {@code TI-<year>-000001}...
 */
final class TradeInGenerator {

  private final List<CampaignOrders> campaigns = new ArrayList<>();
  private final String idPrefix;
  private long nextId = 1;

  TradeInGenerator(Scenario scenario, SeasonCalendar calendar, MerchantDirectory merchants, long seed) {
    this.idPrefix = "TI-" + scenario.year() + "-";
    List<CampaignSpec> tradeIns =
        scenario.campaigns().stream().filter(c -> c.kind() == CampaignKind.TRADE_IN).toList();
    double[] shares = tradeIns.stream().mapToDouble(c -> c.tradeIn().orderShare()).toArray();
    long target = Math.round(scenario.tradeIn().countedOrdersTarget() * scenario.scale());
    long[] targets = tradeIns.isEmpty() ? new long[0] : Allocation.split(target, shares);
    for (int i = 0; i < tradeIns.size(); i++) {
      campaigns.add(new CampaignOrders(scenario, tradeIns.get(i), targets[i], calendar, merchants, seed));
    }
  }

  /** The applications submitted on {@code day}, in submission order, with their planned lifecycles. */
  List<PlannedOrder> day(LocalDate day) {
    List<PlannedOrder> drafts = new ArrayList<>();
    for (CampaignOrders c : campaigns) {
      c.generate(day, drafts);
    }
    drafts.sort(Comparator.comparingLong(PlannedOrder::submittedMs));
    List<PlannedOrder> orders = new ArrayList<>(drafts.size());
    for (PlannedOrder draft : drafts) {
      orders.add(draft.withId(Ids.padded(idPrefix, nextId++, 6)));
    }
    return orders;
  }

  private record CategoryPlan(
      Category category,
      double weight,
      PriceList prices,
      SubsidyRule rule) {
  }

  /** Order generation of one campaign, with its own random stream. */
  private static final class CampaignOrders {
    private final CampaignSpec spec;
    private final SeasonCalendar calendar;
    private final MerchantDirectory merchants;
    private final List<String> segments;
    private final SeasonCalendar.HourProfile hours;
    private final OrderLifecycle lifecycle;
    private final Weighted<CategoryPlan> categories;
    private final SplittableRandom rnd;
    private final LocalDate firstDay;
    private final long[] quota;
    private final long horizonMs;

    CampaignOrders(Scenario scenario, CampaignSpec spec, long target, SeasonCalendar calendar,
        MerchantDirectory merchants, long seed) {
      CampaignTradeIn t = spec.tradeIn();
      this.spec = spec;
      this.calendar = calendar;
      this.merchants = merchants;
      this.segments = scenario.tradeIn().merchantSegments();
      this.hours = calendar.profile(t.hourProfile());
      this.lifecycle = new OrderLifecycle(t.lifecycle() != null ? t.lifecycle() : scenario.tradeIn().lifecycle());
      this.categories = new Weighted<>(t.categories().stream()
          .map(r -> new CategoryPlan(r.category(), r.weight(),
              new PriceList(scenario.tradeIn().prices().get(r.category())), new SubsidyRule(r.subsidy())))
          .toList(), CategoryPlan::weight);
      this.rnd = Rngs.forName(seed, "orders/" + spec.campaignId());
      this.firstDay = spec.firstDay();
      LocalDate close = t.applicationsClose() != null ? LocalDate.parse(t.applicationsClose()) : spec.lastDay();
      this.horizonMs = calendar.dayStartMs(spec.lastDay().plusDays(1));

      int days = (int) ChronoUnit.DAYS.between(firstDay, close) + 1;
      SplittableRandom noise = Rngs.forName(seed, "order-days/" + spec.campaignId());
      double[] weights = new double[days];
      for (int i = 0; i < days; i++) {
        double ramp = i < t.rampDays() ? 0.3 + 0.7 * i / t.rampDays() : 1.0;
        weights[i] = calendar.dayWeight(firstDay.plusDays(i)) * ramp * calendar.noise(noise);
      }
      this.quota = Allocation.split(target, weights);
    }

    void generate(LocalDate day, List<PlannedOrder> out) {
      long index = ChronoUnit.DAYS.between(firstDay, day);
      if (index < 0 || index >= quota.length) {
        return;
      }
      long wanted = quota[(int) index];
      long counted = 0;
      // bounded: near the horizon few applications can still complete
      for (long attempts = 0; counted < wanted && attempts < 4 * wanted + 20; attempts++) {
        PlannedOrder order = plan(day);
        out.add(order);
        if (order.countsAtEnd()) {
          counted++;
        }
      }
    }

    private PlannedOrder plan(LocalDate day) {
      CategoryPlan category = categories.pick(rnd);
      MerchantSpec merchant = merchants.pick(category.category(), segments, rnd);
      long priceFen = category.prices().drawFen(rnd);
      long subsidyFen = category.rule().drawFen(priceFen, rnd);
      long submitted = calendar.sampleTime(day, hours, rnd);
      return new PlannedOrder(null, spec.campaignId(), category.category(), merchant.merchantId(), merchant.street(),
          priceFen, subsidyFen, lifecycle.plan(submitted, horizonMs, rnd));
    }
  }
}
