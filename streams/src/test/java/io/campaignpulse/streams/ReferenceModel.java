package io.campaignpulse.streams;

import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counting rules of domain.md and the README in plain Java, written independently of the topology: remember
 * the winning event of each order (the first one seen with its highest version), each sale once, the last report
 * of each gate slot, and whether each of them arrived on time (within the grace period of the latest event time
 * seen on its input); then sum the final states per campaign and per dimension. No deltas, no corrections:
 * every aggregate is computed from scratch, which is what makes it a reference for the incremental pipeline.
 * The one exception is "hourly-net", which by definition is a sum of changes: each counted event adds, in its own
 * local hour and late or not, what it counts minus what the event it replaced counted.
 */
public final class ReferenceModel {

  /** Expected totals of one campaign. */
  public record Totals(long orders, long pendingOrders, long orderConsumptionFen, long subsidyFen,
      long pendingSubsidyFen, long fairSales, long fairSalesFen, long visitors, long lastEventTime) {

    public long consumptionFen() {
      return orderConsumptionFen + fairSalesFen;
    }
  }

  /** Counts in the order of {@link Totals} without the time: orders, pending, consumption, subsidy, ... visitors. */
  public record Counts(long orders, long pendingOrders, long orderConsumptionFen, long subsidyFen,
      long pendingSubsidyFen, long fairSales, long fairSalesFen, long visitors) {

    static Counts of(long[] c) {
      return new Counts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
    }

    boolean isZero() {
      return this.equals(new Counts(0, 0, 0, 0, 0, 0, 0, 0));
    }
  }

  private record Win<T>(T event, boolean onTime) {
  }

  private final ZoneId zone;
  private final long graceMs;
  private final Map<String, Win<TradeInOrder>> winningOrder = new HashMap<>();
  private final Set<String> saleIds = new HashSet<>();
  private final Map<String, Win<FairSale>> sales = new HashMap<>();
  private final Map<String, Win<FairVisit>> gateSlots = new HashMap<>();
  private final Map<String, Long> lastEventTime = new HashMap<>();
  private final Map<String, long[]> hourlyNet = new TreeMap<>();
  private long orderClock = Long.MIN_VALUE;
  private long saleClock = Long.MIN_VALUE;
  private long visitClock = Long.MIN_VALUE;
  private long lateEvents;

  public ReferenceModel() {
    this(ZoneId.of("Asia/Shanghai"), Duration.ofHours(1));
  }

  public ReferenceModel(ZoneId zone, Duration grace) {
    this.zone = zone;
    this.graceMs = grace.toMillis();
  }

  /** Counts a test event: an order, a fair sale or a gate report. */
  public void event(Object event) {
    Events.dispatch(event, this::order, this::sale, this::visit);
  }

  public void order(TradeInOrder o) {
    long t = o.getEventTime().toEpochMilli();
    orderClock = Math.max(orderClock, t);
    Win<TradeInOrder> current = winningOrder.get(o.getOrderId());
    if (current == null || o.getVersion() > current.event().getVersion()) {
      boolean onTime = orderClock - t <= graceMs;
      winningOrder.put(o.getOrderId(), new Win<>(o, onTime));
      String hour = hour(o.getEventTime());
      addNet(o.getCampaignId(), hour, counts(o), 1);
      if (current != null) {
        addNet(current.event().getCampaignId(), hour, counts(current.event()), -1);
      }
      lateEvents += onTime ? 0 : 1;
      touch(o.getCampaignId(), t);
      if (current != null && !current.event().getCampaignId().equals(o.getCampaignId())) {
        touch(current.event().getCampaignId(), t);
      }
    }
  }

  public void sale(FairSale s) {
    long t = s.getEventTime().toEpochMilli();
    saleClock = Math.max(saleClock, t);
    if (saleIds.add(s.getSaleId())) {
      boolean onTime = saleClock - t <= graceMs;
      sales.put(s.getSaleId(), new Win<>(s, onTime));
      addNet(s.getCampaignId(), hour(s.getEventTime()), new long[] {0, 0, 0, 0, 0, 1, s.getAmountFen(), 0}, 1);
      lateEvents += onTime ? 0 : 1;
      touch(s.getCampaignId(), t);
    }
  }

  public void visit(FairVisit v) {
    long t = v.getEventTime().toEpochMilli();
    visitClock = Math.max(visitClock, t);
    String slot = v.getFairId() + "|" + v.getGateId() + "|" + t;
    Win<FairVisit> previous = gateSlots.get(slot);
    if (previous == null || previous.event().getVisitors() != v.getVisitors()) {
      boolean onTime = visitClock - t <= graceMs;
      gateSlots.put(slot, new Win<>(v, onTime));
      long before = previous == null ? 0 : previous.event().getVisitors();
      addNet(v.getCampaignId(), hour(v.getEventTime()), new long[] {0, 0, 0, 0, 0, 0, 0, v.getVisitors() - before},
          1);
      lateEvents += onTime ? 0 : 1;
      touch(v.getCampaignId(), t);
    }
  }

  private void addNet(String campaignId, String hour, long[] c, int sign) {
    long[] sum = hourlyNet.computeIfAbsent(campaignId + "/" + hour, k -> new long[8]);
    for (int i = 0; i < sum.length; i++) {
      sum[i] += sign * c[i];
    }
  }

  /** What an order counts with its status: orders, pending, consumption, subsidy, pending subsidy. */
  private static long[] counts(TradeInOrder o) {
    long[] c = new long[8];
    if (o.getStatus() == OrderStatus.APPROVED || o.getStatus() == OrderStatus.PAID) {
      c[0] = 1;
      c[2] = o.getPurchaseAmountFen();
      c[3] = o.getSubsidyAmountFen();
    } else if (o.getStatus() == OrderStatus.SUBMITTED) {
      c[1] = 1;
      c[4] = o.getSubsidyAmountFen();
    }
    return c;
  }

  private void touch(String campaignId, long time) {
    lastEventTime.merge(campaignId, time, Math::max);
  }

  /** Events that counted but arrived too late for their hour and day. */
  public long lateEvents() {
    return lateEvents;
  }

  /** Expected totals of every campaign that had a counted event. */
  public Map<String, Totals> totals() {
    Map<String, Counts> sums = aggregates().get("total");
    Map<String, Totals> result = new TreeMap<>();
    for (String campaignId : lastEventTime.keySet()) {
      Counts c = sums.getOrDefault(campaignId, new Counts(0, 0, 0, 0, 0, 0, 0, 0));
      result.put(campaignId, new Totals(c.orders(), c.pendingOrders(), c.orderConsumptionFen(), c.subsidyFen(),
          c.pendingSubsidyFen(), c.fairSales(), c.fairSalesFen(), c.visitors(), lastEventTime.get(campaignId)));
    }
    return result;
  }

  /**
   * Every aggregate, by name (total, hourly, daily, category, street, merchant, fair, fair-hourly, fair-daily,
   * hourly-net),
   * then by key: the campaignId and the dimensions joined with '/', e.g. {@code C-1/2024-10-01T10} or
   * {@code C-1/F-1/2024-10-01}. Keys whose counts are all zero are left out, except in "total", which has every
   * campaign an event touched.
   */
  public Map<String, Map<String, Counts>> aggregates() {
    Map<String, Map<String, long[]>> sums = new TreeMap<>();
    for (Win<TradeInOrder> w : winningOrder.values()) {
      TradeInOrder o = w.event();
      long[] c = counts(o);
      String cid = o.getCampaignId();
      add(sums, "total", cid, c);
      add(sums, "category", cid + "/" + o.getCategory(), c);
      add(sums, "street", cid + "/" + (o.getStreet() == null ? "-" : o.getStreet()), c);
      add(sums, "merchant", cid + "/" + o.getMerchantId(), c);
      if (w.onTime()) {
        add(sums, "hourly", cid + "/" + hour(o.getEventTime()), c);
        add(sums, "daily", cid + "/" + day(o.getEventTime()), c);
      }
    }
    for (Win<FairSale> w : sales.values()) {
      FairSale s = w.event();
      long[] c = new long[8];
      c[5] = 1;
      c[6] = s.getAmountFen();
      String cid = s.getCampaignId();
      add(sums, "total", cid, c);
      add(sums, "category", cid + "/" + s.getCategory(), c);
      add(sums, "merchant", cid + "/" + s.getMerchantId(), c);
      add(sums, "fair", cid + "/" + s.getFairId(), c);
      if (w.onTime()) {
        add(sums, "hourly", cid + "/" + hour(s.getEventTime()), c);
        add(sums, "daily", cid + "/" + day(s.getEventTime()), c);
        add(sums, "fair-hourly", cid + "/" + s.getFairId() + "/" + hour(s.getEventTime()), c);
        add(sums, "fair-daily", cid + "/" + s.getFairId() + "/" + day(s.getEventTime()), c);
      }
    }
    for (Win<FairVisit> w : gateSlots.values()) {
      FairVisit v = w.event();
      long[] c = new long[8];
      c[7] = v.getVisitors();
      String cid = v.getCampaignId();
      add(sums, "total", cid, c);
      add(sums, "fair", cid + "/" + v.getFairId(), c);
      if (w.onTime()) {
        add(sums, "hourly", cid + "/" + hour(v.getEventTime()), c);
        add(sums, "daily", cid + "/" + day(v.getEventTime()), c);
        add(sums, "fair-hourly", cid + "/" + v.getFairId() + "/" + hour(v.getEventTime()), c);
        add(sums, "fair-daily", cid + "/" + v.getFairId() + "/" + day(v.getEventTime()), c);
      }
    }
    // a campaign an event ever touched has totals, even when every order in it moved away or was cancelled
    lastEventTime.keySet().forEach(campaignId -> add(sums, "total", campaignId, new long[8]));
    hourlyNet.forEach((key, c) -> add(sums, "hourly-net", key, c));
    Map<String, Map<String, Counts>> result = new TreeMap<>();
    for (String name : new String[] {"total", "hourly", "daily", "category", "street", "merchant", "fair",
        "fair-hourly", "fair-daily", "hourly-net"}) {
      Map<String, Counts> family = new TreeMap<>();
      sums.getOrDefault(name, Map.of()).forEach((key, c) -> {
        Counts counts = Counts.of(c);
        if (name.equals("total") || !counts.isZero()) {
          family.put(key, counts);
        }
      });
      result.put(name, family);
    }
    return result;
  }

  private static void add(Map<String, Map<String, long[]>> sums, String name, String key, long[] c) {
    long[] sum = sums.computeIfAbsent(name, n -> new TreeMap<>()).computeIfAbsent(key, k -> new long[8]);
    for (int i = 0; i < sum.length; i++) {
      sum[i] += c[i];
    }
  }

  private String hour(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    return String.format("%04d-%02d-%02dT%02d", z.getYear(), z.getMonthValue(), z.getDayOfMonth(), z.getHour());
  }

  private String day(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    return String.format("%04d-%02d-%02d", z.getYear(), z.getMonthValue(), z.getDayOfMonth());
  }

  @Override
  public String toString() {
    return "ReferenceModel" + Arrays.asList(winningOrder.size(), sales.size(), gateSlots.size());
  }
}
