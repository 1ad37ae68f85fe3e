package io.campaignpulse.producers.sim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.campaignpulse.avro.CampaignKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The totals a correct pipeline must show for the events the simulator has emitted so far, as the
 * simulator intended them: per campaign (orders and pending orders, consumption, subsidy and pending
 * subsidy, fair sales and visitors), per campaign kind, overall, and per fair.
 *
 * <p>Under the counting rules: an order counts with its latest status; APPROVED or PAID counts in
 * {@code orders}, consumption and subsidy, SUBMITTED only in {@code pendingOrders} and
 * {@code pendingSubsidyFen}, CANCELLED or REFUNDED in nothing. {@code consumptionFen} is counted orders'
 * purchases plus fair sales. Duplicates, late and out-of-order deliveries and malformed records change
 * nothing. Money in integer fen. {@code fairs} lists the fairs that emitted at least one record.
 *
 * @param total         all campaigns together (id {@value #TOTAL_ID}, no kind)
 * @param byKind        totals of each campaign kind (id = kind name)
 * @param campaigns     totals of each campaign, by campaignId, in scenario order
 * @param fairs         totals of each fair, by fairId
 * @param emittedEvents events emitted so far, including campaign definitions and injected faults
 */
public record GroundTruth(Totals total, Map<CampaignKind, Totals> byKind, Map<String, Totals> campaigns,
                          Map<String, FairTotals> fairs, long emittedEvents) {

  /** Id of the overall totals row. */
  public static final String TOTAL_ID = "TOTAL";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  public GroundTruth {
    EnumMap<CampaignKind, Totals> kinds = new EnumMap<>(CampaignKind.class);
    kinds.putAll(byKind);
    byKind = Collections.unmodifiableMap(kinds);
    campaigns = Collections.unmodifiableMap(new LinkedHashMap<>(campaigns));
    fairs = Collections.unmodifiableMap(new LinkedHashMap<>(fairs));
  }

  /**
   * Totals of one campaign, kind or of everything.
   *
   * @param id                  campaignId, kind name or {@value GroundTruth#TOTAL_ID}
   * @param kind                the campaign kind; null for the overall totals
   * @param orders              orders whose latest status is APPROVED or PAID
   * @param pendingOrders       orders whose latest status is SUBMITTED
   * @param orderConsumptionFen purchase amounts of counted orders
   * @param subsidyFen          subsidy of counted orders (granted)
   * @param pendingSubsidyFen   subsidy of pending orders (exposure)
   * @param fairSalesFen        amounts of fair sales
   * @param fairSales           number of fair sales
   * @param visitors            visitors counted at fair gates
   */
  @JsonIgnoreProperties(value = "consumptionFen", allowGetters = true)
  public record Totals(String id, CampaignKind kind, long orders, long pendingOrders, long orderConsumptionFen,
                       long subsidyFen, long pendingSubsidyFen, long fairSalesFen, long fairSales, long visitors) {

    static Totals zero(String id, CampaignKind kind) {
      return new Totals(id, kind, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Consumption pulled: counted orders' purchases plus fair sales, in fen. */
    @JsonProperty("consumptionFen")
    public long consumptionFen() {
      return orderConsumptionFen + fairSalesFen;
    }

    /** The sum of these totals and {@code other}, under this row's id and kind. */
    public Totals plus(Totals other) {
      return new Totals(id, kind, orders + other.orders, pendingOrders + other.pendingOrders,
          orderConsumptionFen + other.orderConsumptionFen, subsidyFen + other.subsidyFen,
          pendingSubsidyFen + other.pendingSubsidyFen, fairSalesFen + other.fairSalesFen,
          fairSales + other.fairSales, visitors + other.visitors);
    }

    /** The same figures under another id and kind. */
    public Totals as(String newId, CampaignKind newKind) {
      return new Totals(newId, newKind, orders, pendingOrders, orderConsumptionFen, subsidyFen, pendingSubsidyFen,
          fairSalesFen, fairSales, visitors);
    }
  }

  /** Totals of one fair: visitors at its gates, number and amount (fen) of its sales. */
  public record FairTotals(String fairId, String campaignId, long visitors, long sales, long salesFen) {
  }

  /** Totals of one campaign. */
  public Totals campaign(String campaignId) {
    Totals t = campaigns.get(campaignId);
    if (t == null) {
      throw new NoSuchElementException("no campaign " + campaignId);
    }
    return t;
  }

  /** Totals of one campaign kind. */
  public Totals kind(CampaignKind kind) {
    return byKind.get(kind);
  }

  /** Number of fairs of campaigns of {@code kind} that emitted at least one record. */
  public long fairCount(CampaignKind kind) {
    return fairs.values().stream()
        .filter(f -> campaigns.containsKey(f.campaignId()) && campaigns.get(f.campaignId()).kind() == kind)
        .count();
  }

  /** This ground truth as indented JSON. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write ground truth as JSON", e);
    }
  }

  /** Writes {@link #toJson()} to {@code file} (UTF-8). */
  public void writeJson(Path file) {
    try {
      Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write ground truth to " + file, e);
    }
  }

  /** Reads a ground truth written by {@link #toJson()}. */
  public static GroundTruth fromJson(String json) {
    try {
      return MAPPER.readValue(json, GroundTruth.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a ground truth: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a ground truth file written by {@link #writeJson(Path)}. */
  public static GroundTruth readJson(Path file) {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read ground truth " + file, e);
    }
  }

  /** A table of the campaign, kind and overall totals, money in yuan. */
  @Override
  public String toString() {
    String format = "%-22s %-15s %8s %7s %18s %15s %12s %8s %18s %10s %18s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(format, "campaign", "kind", "orders", "pending", "order cons. yuan", "subsidy yuan",
        "pending sub.", "sales", "fair sales yuan", "visitors", "consumption yuan"));
    for (Totals t : campaigns.values()) {
      sb.append(row(format, t));
    }
    for (CampaignKind kind : CampaignKind.values()) {
      if (byKind.containsKey(kind)) {
        sb.append(row(format, byKind.get(kind)));
      }
    }
    sb.append(row(format, total));
    sb.append(String.format("%d fairs with activity (%d consumer fairs), %d events emitted%n", fairs.size(),
        fairCount(CampaignKind.CONSUMER_FAIR), emittedEvents));
    return sb.toString();
  }

  private static String row(String format, Totals t) {
    return String.format(format, t.id(), t.kind() == null ? "" : t.kind(), t.orders(), t.pendingOrders(),
        yuan(t.orderConsumptionFen()), yuan(t.subsidyFen()), yuan(t.pendingSubsidyFen()), t.fairSales(),
        yuan(t.fairSalesFen()), t.visitors(), yuan(t.consumptionFen()));
  }

  /** Fen as yuan with two decimals and thousands separators, by integer arithmetic. */
  static String yuan(long fen) {
    long abs = Math.abs(fen);
    return String.format("%s%,d.%02d", fen < 0 ? "-" : "", abs / 100, abs % 100);
  }
}
