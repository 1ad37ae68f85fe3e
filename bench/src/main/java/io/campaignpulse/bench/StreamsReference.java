package io.campaignpulse.bench;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code campaign-totals} must say once the pipeline has read a benchmark's orders, computed in plain Java
 * from the README's counting rules and nothing of the streams module: each order counts with its highest version
 * (of a repeated {@code (orderId, version)} the first one seen, of an older version arriving late nothing);
 * APPROVED and PAID count as an order with purchase and subsidy, SUBMITTED as a pending order with pending subsidy,
 * CANCELLED and REFUNDED not at all, each in the campaign its counting version names. Totals are summed from the
 * final state of every order, not from deltas.
 */
public final class StreamsReference {

  /** The figures of one campaign the benchmark checks, in integer fen. */
  public record Figures(long orders, long pendingOrders, long orderConsumptionFen, long consumptionFen,
      long subsidyFen, long pendingSubsidyFen) {

    public static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0);

    /** The same figures of a published {@code CampaignTotals}. */
    public static Figures of(CampaignTotals t) {
      return new Figures(t.getOrders(), t.getPendingOrders(), t.getOrderConsumptionFen(), t.getConsumptionFen(),
          t.getSubsidyFen(), t.getPendingSubsidyFen());
    }
  }

  private record Counted(int version, String campaignId, OrderStatus status, long purchaseFen, long subsidyFen) {
  }

  private final Map<String, Counted> counted = new HashMap<>();
  private long events;

  /** Takes the next order event in the order the pipeline reads it (per orderId, topic order). */
  public void order(TradeInOrder o) {
    events++;
    Counted current = counted.get(o.getOrderId());
    if (current == null || o.getVersion() > current.version()) {
      counted.put(o.getOrderId(), new Counted(o.getVersion(), o.getCampaignId(), o.getStatus(),
          o.getPurchaseAmountFen(), o.getSubsidyAmountFen()));
    }
  }

  public long events() {
    return events;
  }

  public int orders() {
    return counted.size();
  }

  /** Totals per campaign that any order names in its counting version, by campaign id. */
  public Map<String, Figures> totals() {
    Map<String, long[]> sums = new TreeMap<>();
    for (Counted c : counted.values()) {
      long[] t = sums.computeIfAbsent(c.campaignId(), k -> new long[5]);
      switch (c.status()) {
        case APPROVED, PAID -> {
          t[0]++;
          t[2] += c.purchaseFen();
          t[3] += c.subsidyFen();
        }
        case SUBMITTED -> {
          t[1]++;
          t[4] += c.subsidyFen();
        }
        case CANCELLED, REFUNDED -> {
          // counts nothing
        }
      }
    }
    Map<String, Figures> result = new TreeMap<>();
    sums.forEach((id, t) -> result.put(id, new Figures(t[0], t[1], t[2], t[2], t[3], t[4])));
    return result;
  }

  /**
   * Campaigns whose figures differ, one line each ({@code id: expected ... published ...}); a campaign missing on
   * one side counts as all zeros there (a campaign whose orders were all cancelled may be published with zeros).
   */
  public static List<String> differences(Map<String, Figures> expected, Map<String, Figures> published) {
    List<String> lines = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>(expected.keySet());
    ids.addAll(published.keySet());
    for (String id : ids) {
      Figures want = expected.getOrDefault(id, Figures.ZERO);
      Figures got = published.getOrDefault(id, Figures.ZERO);
      if (!want.equals(got)) {
        lines.add(id + ": expected " + want + ", published " + got);
      }
    }
    return lines;
  }

  public static boolean agree(Map<String, Figures> expected, Map<String, Figures> published) {
    for (Map.Entry<String, Figures> e : expected.entrySet()) {
      if (!e.getValue().equals(published.getOrDefault(e.getKey(), Figures.ZERO))) {
        return false;
      }
    }
    for (Map.Entry<String, Figures> e : published.entrySet()) {
      if (!expected.containsKey(e.getKey()) && !e.getValue().equals(Figures.ZERO)) {
        return false;
      }
    }
    return true;
  }
}
