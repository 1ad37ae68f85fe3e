package io.campaignpulse.producers.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign year to simulate: the campaigns the commerce bureau runs, how trade-in orders are priced,
 * subsidised and processed, the merchants and streets, the fairs with their days, gates, visitors and
 * sales, and the delivery faults to inject.
 *
 * <p>Loaded from JSON ({@link #load(Path)}, {@link #defaultScenario()} reads
 * {@code /scenarios/chuanhui-2024.json}). Conventions of the format: dates are ISO local dates in
 * {@link #timeZone()}, date ranges are inclusive; every amount of money is a whole number of
 * <em>yuan</em> in a field whose name ends in {@code Yuan} (the simulator turns it into fen with integer
 * arithmetic); percentage subsidy rates are basis points ({@code rateBp}, 1500 = 15%); weights and
 * probabilities are plain numbers. {@link #scale()} multiplies every volume (orders, visitors, sales,
 * budgets) but keeps the number of campaigns and fairs; 0 or absent means 1.
 */
public record Scenario(
    String name,
    String description,
    List<String> notes,
    int year,
    String timeZone,
    String start,
    String end,
    double scale,
    CalendarSpec calendar,
    List<String> streets,
    List<MerchantSpec> merchants,
    TradeInSettings tradeIn,
    List<CampaignSpec> campaigns,
    Map<String, FairType> fairTypes,
    List<FairSpec> fairs,
    Faults faults) {

  /** Classpath resource of the calibrated Chuanhui District 2024 scenario. */
  public static final String DEFAULT_RESOURCE = "/scenarios/chuanhui-2024.json";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public Scenario {
    notes = notes == null ? List.of() : List.copyOf(notes);
    streets = streets == null ? List.of() : List.copyOf(streets);
    merchants = merchants == null ? List.of() : List.copyOf(merchants);
    campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
    fairTypes = fairTypes == null ? Map.of() : Map.copyOf(fairTypes);
    fairs = fairs == null ? List.of() : List.copyOf(fairs);
    faults = faults == null ? Faults.NONE : faults;
    if (scale == 0) {
      scale = 1.0;
    }
  }

  /** Reads and validates a scenario file. */
  public static Scenario load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read scenario " + file, e);
    }
  }

  /** The calibrated Chuanhui District 2024 scenario shipped with this module. */
  public static Scenario defaultScenario() {
    try (InputStream in = Scenario.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing classpath resource " + DEFAULT_RESOURCE);
      }
      return parse(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** Parses and validates a scenario; {@code source} names it in error messages. */
  public static Scenario parse(InputStream json, String source) {
    Scenario scenario;
    try {
      scenario = MAPPER.readValue(json, Scenario.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid scenario " + source + ": " + e.getMessage(), e);
    }
    try {
      return scenario.validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid scenario " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the references and ranges a simulation relies on; returns this scenario.
   *
   * @throws IllegalArgumentException listing every problem found
   */
  public Scenario validate() {
    ScenarioChecks.check(this);
    return this;
  }

  /** This scenario with every volume multiplied by {@code factor} (0.01 gives a 1% demo year). */
  public Scenario scaled(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("scale factor must be positive: " + factor);
    }
    return new Scenario(name, description, notes, year, timeZone, start, end, scale * factor, calendar,
        streets, merchants, tradeIn, campaigns, fairTypes, fairs, faults);
  }

  /** This scenario with other delivery faults. */
  public Scenario withFaults(Faults newFaults) {
    return new Scenario(name, description, notes, year, timeZone, start, end, scale, calendar,
        streets, merchants, tradeIn, campaigns, fairTypes, fairs, Objects.requireNonNull(newFaults));
  }

  /** The scenario's time zone. */
  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  /** First simulated day. */
  public LocalDate firstDay() {
    return LocalDate.parse(start);
  }

  /** Last simulated day (inclusive). */
  public LocalDate lastDay() {
    return LocalDate.parse(end);
  }

  /** The scale as parts per million, so volumes of money scale with integer arithmetic. */
  public long scalePpm() {
    return Math.round(scale * 1_000_000);
  }

  /** A whole number of yuan, scaled, in fen: integer arithmetic only. */
  public long scaledFen(long yuan) {
    return Math.multiplyExact(Math.multiplyExact(yuan, 100L), scalePpm()) / 1_000_000L;
  }

  /** Day weights and hourly shapes: when people buy and visit. */
  public record CalendarSpec(
      double weekendWeight,
      List<Period> holidays,
      List<String> makeUpWorkdays,
      List<Period> peaks,
      double dailyNoise,
      Map<String, List<Double>> hourProfiles) {

    public CalendarSpec {
      holidays = holidays == null ? List.of() : List.copyOf(holidays);
      makeUpWorkdays = makeUpWorkdays == null ? List.of() : List.copyOf(makeUpWorkdays);
      peaks = peaks == null ? List.of() : List.copyOf(peaks);
      hourProfiles = hourProfiles == null ? Map.of() : Map.copyOf(hourProfiles);
    }
  }

  /** A named date range ({@code from}..{@code to} inclusive) with a day-weight multiplier. */
  public record Period(String name, String from, String to, double weight) {

    /** Whether {@code day} falls in this period. */
    public boolean contains(LocalDate day) {
      return !day.isBefore(LocalDate.parse(from)) && !day.isAfter(LocalDate.parse(to));
    }
  }

  /**
   * A merchant: trade-in orders and fair sales are booked on merchants selling the category, of a
   * segment the order channel or fair type allows ({@code dealer}, {@code store}, {@code online},
   * {@code wedding}, {@code stall}). {@code street} null for online shops.
   */
  public record MerchantSpec(
      String merchantId,
      String name,
      String street,
      List<Category> categories,
      String segment,
      double weight) {

    public MerchantSpec {
      categories = categories == null ? List.of() : List.copyOf(categories);
    }
  }

  /** Price distribution of one category: weighted bands, prices on a grid of {@code stepYuan}. */
  public record PriceSpec(long stepYuan, List<PriceBand> bands) {

    public PriceSpec {
      bands = bands == null ? List.of() : List.copyOf(bands);
      if (stepYuan == 0) {
        stepYuan = 1;
      }
    }
  }

  /** Prices uniform in {@code minYuan}..{@code maxYuan}, chosen with relative {@code weight}. */
  public record PriceBand(long minYuan, long maxYuan, double weight) {
  }

  /**
   * One way an order is subsidised, chosen with relative {@code weight}: either a fixed amount
   * ({@code fixedYuan} &gt; 0) or {@code rateBp} basis points of the price, capped at {@code capYuan}
   * (0 = no cap). Always rounded down to whole yuan and never above the price.
   */
  public record SubsidyOption(
      String label,
      double weight,
      long fixedYuan,
      int rateBp,
      long capYuan) {
  }

  /**
   * How an order is processed: SUBMITTED, then CANCELLED (probability {@code cancelProbability}),
   * left pending under review ({@code stuckProbability}) or APPROVED; an approved order is PAID with
   * {@code payProbability}, a paid one REFUNDED with {@code refundProbability}. Delays are drawn
   * log-uniformly from their hour ranges.
   */
  public record Lifecycle(
      double cancelProbability,
      double stuckProbability,
      double payProbability,
      double refundProbability,
      HourRange cancelDelayHours,
      HourRange approvalDelayHours,
      HourRange paymentDelayHours,
      HourRange refundDelayHours) {
  }

  /** A range of hours, {@code min} &gt; 0. */
  public record HourRange(double min, double max) {
  }

  /**
   * Trade-in settings shared by all trade-in campaigns: the number of orders that finally count
   * (APPROVED or PAID at the end of the year) before scaling, the merchant segments that take
   * trade-in applications, the price distribution of each category and the default lifecycle.
   */
  public record TradeInSettings(
      long countedOrdersTarget,
      List<String> merchantSegments,
      Map<Category, PriceSpec> prices,
      Lifecycle lifecycle) {

    public TradeInSettings {
      merchantSegments = merchantSegments == null ? List.of() : List.copyOf(merchantSegments);
      prices = prices == null ? Map.of() : Map.copyOf(prices);
    }
  }

  /**
   * A campaign: the Avro {@code Campaign} it publishes, plus, for TRADE_IN campaigns, how its orders
   * are generated. {@code end} is the last day (the published endTime is the following midnight). {@code series}
   * (optional) names the series a recurring campaign belongs to, the same every year.
   */
  public record CampaignSpec(
      String campaignId,
      String name,
      CampaignKind kind,
      String region,
      String start,
      String end,
      long subsidyBudgetYuan,
      List<Integer> alertThresholdsPercent,
      CampaignTradeIn tradeIn,
      String series) {

    public CampaignSpec {
      alertThresholdsPercent = alertThresholdsPercent == null ? List.of() : List.copyOf(alertThresholdsPercent);
    }

    /** First day of the campaign. */
    public LocalDate firstDay() {
      return LocalDate.parse(start);
    }

    /** Last day of the campaign (inclusive). */
    public LocalDate lastDay() {
      return LocalDate.parse(end);
    }
  }

  /**
   * Order generation of one trade-in campaign: its share of the counted-orders target, the last day
   * applications are taken ({@code applicationsClose}, default the campaign's last day), a linear
   * ramp-up over the first {@code rampDays}, the hourly profile, an optional lifecycle overriding the
   * default, and the category mix with each category's subsidy options.
   */
  public record CampaignTradeIn(
      double orderShare,
      String applicationsClose,
      int rampDays,
      String hourProfile,
      Lifecycle lifecycle,
      List<CategoryRule> categories) {

    public CampaignTradeIn {
      categories = categories == null ? List.of() : List.copyOf(categories);
    }
  }

  /** A category of a trade-in campaign: its weight in the mix and how it is subsidised. */
  public record CategoryRule(
      Category category,
      double weight,
      List<SubsidyOption> subsidy) {

    public CategoryRule {
      subsidy = subsidy == null ? List.of() : List.copyOf(subsidy);
    }
  }

  /**
   * A kind of fair (car show, appliance fair, festival market...): opening hours as an hourly profile,
   * the merchant segments exhibiting, and the categories sold with their weights and optional prices
   * (default: the trade-in price of the category).
   */
  public record FairType(String hourProfile, List<String> merchantSegments, List<FairCategory> categories) {

    public FairType {
      merchantSegments = merchantSegments == null ? List.of() : List.copyOf(merchantSegments);
      categories = categories == null ? List.of() : List.copyOf(categories);
    }
  }

  /** A category sold at a fair type; {@code prices} null means the trade-in prices. */
  public record FairCategory(Category category, double weight, PriceSpec prices) {
  }

  /**
   * One fair (a promotion event or a festival-market venue): {@code days} consecutive days from
   * {@code start}, {@code gates} counting gates, on average {@code visitorsPerDay} visitors a day, and
   * {@code salesYuan} of sales over the whole fair (before scaling).
   */
  public record FairSpec(
      String fairId,
      String campaignId,
      String name,
      String venue,
      String street,
      String type,
      String start,
      int days,
      int gates,
      long visitorsPerDay,
      long salesYuan) {

    /** First day of the fair. */
    public LocalDate firstDay() {
      return LocalDate.parse(start);
    }

    /** Last day of the fair (inclusive). */
    public LocalDate lastDay() {
      return firstDay().plusDays(days - 1L);
    }
  }
}
