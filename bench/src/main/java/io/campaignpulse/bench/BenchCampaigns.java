package io.campaignpulse.bench;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.Category;
import io.campaignpulse.producers.sim.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The trade-in campaigns, merchants and streets of a streams benchmark workload, deterministic from a seed: each
 * campaign has a focus category (car, appliance, digital, furnishing, e-bike trade-ins, or mixed) and a popularity
 * (Zipf-like, shuffled by the seed); merchants each sell one category and sit on one of the district's streets (the
 * default scenario's, a few online shops without a street). The throughput and the latency workload share one
 * instance, so their orders land in the same campaigns. A separate probe campaign receives only latency probes.
 */
public final class BenchCampaigns {

  /** The campaign that only latency probes count in. */
  public static final String PROBE_CAMPAIGN_ID = "TI-BENCH-PROBE";

  /** Categories in a fixed order, and their share among orders of a mixed campaign (and off-focus orders). */
  static final Category[] CATEGORIES = {Category.AUTO, Category.HOME_APPLIANCE, Category.DIGITAL,
      Category.HOME_FURNISHING, Category.E_BIKE, Category.OTHER};
  private static final double[] CATEGORY_SHARES = {0.08, 0.45, 0.20, 0.12, 0.10, 0.05};
  private static final double[] CATEGORY_CDF = cumulative(CATEGORY_SHARES);
  private static final String[] THEMES = {"car scrap-and-replace", "home appliance trade-in",
      "digital products subsidy", "home furnishing renewal", "e-bike trade-in", "all-category trade-in"};
  private static final Category[] THEME_FOCUS = {Category.AUTO, Category.HOME_APPLIANCE, Category.DIGITAL,
      Category.HOME_FURNISHING, Category.E_BIKE, null};
  private static final double FOCUS_SHARE = 0.8;
  private static final double STREETLESS_MERCHANTS = 0.04;

  private final String[] ids;
  private final Category[] focus;
  private final double[] popularityCdf;
  private final List<Campaign> definitions;
  private final String[] merchantIds;
  private final String[] merchantStreets;
  private final int[][] merchantsByCategory;

  private BenchCampaigns(String[] ids, Category[] focus, double[] popularityCdf, List<Campaign> definitions,
      String[] merchantIds, String[] merchantStreets, int[][] merchantsByCategory) {
    this.ids = ids;
    this.focus = focus;
    this.popularityCdf = popularityCdf;
    this.definitions = definitions;
    this.merchantIds = merchantIds;
    this.merchantStreets = merchantStreets;
    this.merchantsByCategory = merchantsByCategory;
  }

  /**
   * {@code count} campaigns running from a week before {@code start} for four months, and {@code merchants}
   * merchants (at least one per category).
   */
  public static BenchCampaigns create(int count, int merchants, Instant start, long seed) {
    if (count < 1 || merchants < CATEGORIES.length) {
      throw new IllegalArgumentException("need at least 1 campaign and " + CATEGORIES.length + " merchants");
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    String[] ids = new String[count];
    Category[] focus = new Category[count];
    double[] weights = new double[count];
    for (int i = 0; i < count; i++) {
      weights[i] = 1.0 / Math.pow(i + 1, 0.8);
    }
    shuffle(weights, rnd);
    double[] cdf = cumulative(weights);
    List<String> regions = List.of("川汇区", "陈州回族街道", "七一路街道", "荷花路街道", "人和街道", "小桥街道",
        "城北街道", "文昌街道", "搬口街道", "华耀城街道");
    List<Campaign> defs = new ArrayList<>();
    Instant campaignStart = start.minusSeconds(7 * 86_400L);
    for (int i = 0; i < count; i++) {
      int theme = i % THEMES.length;
      ids[i] = String.format("TI-2024-%02d", i + 1);
      focus[i] = THEME_FOCUS[theme];
      String region = regions.get(i % regions.size());
      defs.add(Campaign.newBuilder()
          .setCampaignId(ids[i])
          .setName(region + " " + THEMES[theme] + " " + (i / THEMES.length + 1))
          .setKind(CampaignKind.TRADE_IN)
          .setRegion(region)
          .setStartTime(campaignStart)
          .setEndTime(campaignStart.plusSeconds(120 * 86_400L))
          .setSubsidyBudgetFen(Math.round(weights[i] * 50_000_000_000L))
          .build());
    }
    defs.add(Campaign.newBuilder()
        .setCampaignId(PROBE_CAMPAIGN_ID)
        .setName("benchmark latency probes")
        .setKind(CampaignKind.TRADE_IN)
        .setRegion("川汇区")
        .setStartTime(campaignStart)
        .setEndTime(campaignStart.plusSeconds(3650 * 86_400L))
        .setSubsidyBudgetFen(0)
        .build());

    List<String> streets = Scenario.defaultScenario().streets();
    String[] merchantIds = new String[merchants];
    String[] merchantStreets = new String[merchants];
    int[] categoryOf = new int[merchants];
    int[] perCategory = new int[CATEGORIES.length];
    for (int m = 0; m < merchants; m++) {
      int c = m < CATEGORIES.length ? m : pick(CATEGORY_CDF, rnd.nextDouble());
      categoryOf[m] = c;
      perCategory[c]++;
      merchantIds[m] = String.format("M-%s-%05d", CATEGORIES[c].name().substring(0, 2), m + 1);
      merchantStreets[m] = streets.isEmpty() || rnd.nextDouble() < STREETLESS_MERCHANTS
          ? null : streets.get(rnd.nextInt(streets.size()));
    }
    int[][] byCategory = new int[CATEGORIES.length][];
    for (int c = 0; c < CATEGORIES.length; c++) {
      byCategory[c] = new int[perCategory[c]];
    }
    int[] filled = new int[CATEGORIES.length];
    for (int m = 0; m < merchants; m++) {
      byCategory[categoryOf[m]][filled[categoryOf[m]]++] = m;
    }
    return new BenchCampaigns(ids, focus, cdf, List.copyOf(defs), merchantIds, merchantStreets, byCategory);
  }

  /** The campaign definitions, the probe campaign last. */
  public List<Campaign> definitions() {
    return definitions;
  }

  /** Number of campaigns orders are spread over (the probe campaign not included). */
  public int count() {
    return ids.length;
  }

  String id(int campaign) {
    return ids[campaign];
  }

  /** A campaign by popularity. */
  int pickCampaign(SplittableRandom rnd) {
    return pick(popularityCdf, rnd.nextDouble());
  }

  /** Index into {@link #CATEGORIES} of an order of {@code campaign}: mostly its focus. */
  int pickCategory(int campaign, SplittableRandom rnd) {
    Category f = focus[campaign];
    if (f != null && rnd.nextDouble() < FOCUS_SHARE) {
      return indexOf(f);
    }
    return pick(CATEGORY_CDF, rnd.nextDouble());
  }

  /** A merchant selling the category: a few large ones take most orders. */
  int pickMerchant(int category, SplittableRandom rnd) {
    int[] candidates = merchantsByCategory[category];
    double u = rnd.nextDouble();
    return candidates[(int) (candidates.length * u * u)];
  }

  String merchantId(int merchant) {
    return merchantIds[merchant];
  }

  String merchantStreet(int merchant) {
    return merchantStreets[merchant];
  }

  static int indexOf(Category category) {
    for (int i = 0; i < CATEGORIES.length; i++) {
      if (CATEGORIES[i] == category) {
        return i;
      }
    }
    throw new IllegalArgumentException(String.valueOf(category));
  }

  static double[] cumulative(double[] weights) {
    double[] cdf = new double[weights.length];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i] / sum;
      cdf[i] = acc;
    }
    cdf[weights.length - 1] = 1.0;
    return cdf;
  }

  static int pick(double[] cdf, double u) {
    for (int i = 0; i < cdf.length; i++) {
      if (u < cdf[i]) {
        return i;
      }
    }
    return cdf.length - 1;
  }

  private static void shuffle(double[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
