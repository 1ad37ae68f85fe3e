package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.producers.sim.Scenario.FairSpec;
import io.campaignpulse.producers.sim.Scenario.FairType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the activity of the fairs open on a day: gate counts (one {@link FairVisit} per gate per
 * opening hour) and booth sales.
 *
 * <p>A fair's visitors and sales volume are spread over its days by day weight (weekends, holidays,
 * noise), exactly; a day's visitors over its opening hours and gates (main gate busiest), exactly; a
 * day's sales volume is filled with sales drawn from the fair type's categories and prices until the
 * next sale would overshoot more than it undershoots. Sale ids follow time order:
 * {@code FS-<year>-0000001}...
 */
final class FairGenerator {

  /** What the fairs did on one day, each list in event-time order. */
  record DayActivity(List<FairVisit> visits, List<FairSale> sales) {
  }

  private record SaleDraft(FairSpec fair, String merchantId, Category category, long amountFen, long timeMs) {
  }

  private record Goods(Category category, double weight, PriceList prices) {
  }

  private record Dated(FairSpec fair, LocalDate first, LocalDate last) {
  }

  private final Scenario scenario;
  private final SeasonCalendar calendar;
  private final MerchantDirectory merchants;
  private final long seed;
  private final List<Dated> fairs;
  private final Map<String, FairPlan> open = new HashMap<>();
  private final String idPrefix;
  private long nextSaleId = 1;

  FairGenerator(Scenario scenario, SeasonCalendar calendar, MerchantDirectory merchants, long seed) {
    this.scenario = scenario;
    this.calendar = calendar;
    this.merchants = merchants;
    this.seed = seed;
    this.idPrefix = "FS-" + scenario.year() + "-";
    this.fairs = scenario.fairs().stream().map(f -> new Dated(f, f.firstDay(), f.lastDay())).toList();
  }

  DayActivity day(LocalDate day) {
    List<FairVisit> visits = new ArrayList<>();
    List<SaleDraft> drafts = new ArrayList<>();
    for (Dated dated : fairs) {
      if (day.isBefore(dated.first()) || day.isAfter(dated.last())) {
        continue;
      }
      FairSpec fair = dated.fair();
      FairPlan plan = open.computeIfAbsent(fair.fairId(), id -> new FairPlan(fair, dated.first()));
      plan.generate(day, visits, drafts);
      if (day.equals(dated.last())) {
        open.remove(fair.fairId());
      }
    }
    visits.sort(Comparator.comparing(FairVisit::getEventTime));
    drafts.sort(Comparator.comparingLong(SaleDraft::timeMs));
    List<FairSale> sales = new ArrayList<>(drafts.size());
    for (SaleDraft d : drafts) {
      sales.add(FairSale.newBuilder()
          .setSaleId(Ids.padded(idPrefix, nextSaleId++, 7))
          .setFairId(d.fair().fairId())
          .setCampaignId(d.fair().campaignId())
          .setMerchantId(d.merchantId())
          .setCategory(d.category())
          .setAmountFen(d.amountFen())
          .setEventTime(Instant.ofEpochMilli(d.timeMs()))
          .build());
    }
    return new DayActivity(visits, sales);
  }

  /** One fair's volumes per day, gates and goods, with its own random stream. */
  private final class FairPlan {
    private final FairSpec fair;
    private final LocalDate firstDay;
    private final FairType type;
    private final SeasonCalendar.HourProfile hours;
    private final Weighted<Goods> goods;
    private final SplittableRandom rnd;
    private final long[] visitorsPerDay;
    private final long[] salesFenPerDay;
    private final double[] gateWeights;

    FairPlan(FairSpec fair, LocalDate firstDay) {
      this.fair = fair;
      this.firstDay = firstDay;
      this.type = scenario.fairTypes().get(fair.type());
      this.hours = calendar.profile(type.hourProfile());
      this.goods = new Weighted<>(type.categories().stream()
          .map(c -> new Goods(c.category(), c.weight(),
              new PriceList(c.prices() != null ? c.prices() : scenario.tradeIn().prices().get(c.category()))))
          .toList(), Goods::weight);
      this.rnd = Rngs.forName(seed, "fair/" + fair.fairId());
      double[] dayWeights = new double[fair.days()];
      for (int i = 0; i < fair.days(); i++) {
        dayWeights[i] = calendar.dayWeight(firstDay.plusDays(i)) * calendar.noise(rnd);
      }
      long visitors = Math.round(fair.visitorsPerDay() * fair.days() * scenario.scale());
      this.visitorsPerDay = Allocation.split(visitors, dayWeights);
      this.salesFenPerDay = Allocation.split(scenario.scaledFen(fair.salesYuan()), dayWeights);
      this.gateWeights = new double[fair.gates()];
      for (int g = 0; g < fair.gates(); g++) {
        gateWeights[g] = g == 0 ? 1.0 : 0.35 + 0.55 * rnd.nextDouble();
      }
    }

    void generate(LocalDate day, List<FairVisit> visits, List<SaleDraft> sales) {
      int index = (int) ChronoUnit.DAYS.between(firstDay, day);
      countGates(day, visitorsPerDay[index], visits);
      sell(day, salesFenPerDay[index], sales);
    }

    private void countGates(LocalDate day, long dayVisitors, List<FairVisit> visits) {
      List<Integer> openHours = new ArrayList<>();
      for (int h = 0; h < 24; h++) {
        if (hours.weight(h) > 0) {
          openHours.add(h);
        }
      }
      double[] cells = new double[openHours.size() * gateWeights.length];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = hours.weight(openHours.get(i / gateWeights.length)) * gateWeights[i % gateWeights.length]
            * (0.8 + 0.4 * rnd.nextDouble());
      }
      long[] counts = Allocation.split(dayVisitors, cells);
      long dayStart = calendar.dayStartMs(day);
      for (int i = 0; i < cells.length; i++) {
        visits.add(FairVisit.newBuilder()
            .setFairId(fair.fairId())
            .setCampaignId(fair.campaignId())
            .setGateId("G" + (i % gateWeights.length + 1))
            .setVisitors(Math.toIntExact(counts[i]))
            .setEventTime(Instant.ofEpochMilli(
                dayStart + openHours.get(i / gateWeights.length) * SeasonCalendar.HOUR_MS))
            .build());
      }
    }

    private void sell(LocalDate day, long targetFen, List<SaleDraft> sales) {
      long soldFen = 0;
      while (soldFen < targetFen) {
        Goods g = goods.pick(rnd);
        long amountFen = g.prices().drawFen(rnd);
        boolean overshoots = soldFen + amountFen > targetFen;
        if (overshoots && soldFen + amountFen - targetFen >= targetFen - soldFen) {
          break;
        }
        String merchant = merchants.pick(g.category(), type.merchantSegments(), rnd).merchantId();
        sales.add(new SaleDraft(fair, merchant, g.category(), amountFen, calendar.sampleTime(day, hours, rnd)));
        soldFen += amountFen;
        if (overshoots) {
          break;
        }
      }
    }
  }
}
