package io.campaignpulse.bench;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order events of a streams benchmark, deterministic from a seed and generated in memory: {@code orders}
 * trade-in orders with 1-4 versions each (status lifecycle SUBMITTED, APPROVED, PAID; some CANCELLED or REFUNDED,
 * some SUBMITTED amended once, an amendment sometimes moving the order to another campaign), spread over
 * {@link BenchCampaigns}' campaigns, categories, merchants and streets, integer fen amounts priced per category with
 * the 2024 trade-in subsidy rules, event times over {@code days} days with a daily rhythm. Then, as on a real feed:
 * a share of the orders has one version held up until after the next one, and a share of all events is sent twice
 * (exact duplicates, up to two hours later). Exactly {@code events} events in all.
 *
 * <p>Events are kept as compact columns; {@link #order(int)} builds the {@link TradeInOrder} of a slot in arrival
 * (topic) order. A duplicate's slot builds the same record as its original.
 */
public final class OrderWorkload {

  /** What to generate. {@code orderIdPrefix} keeps the orders of two workloads apart. */
  public record Spec(long events, int orders, double duplicateShare, double outOfOrderShare, Instant start, int days,
      String orderIdPrefix, long seed) {

    public Spec {
      if (events < 1 || events > MAX_EVENTS) {
        throw new IllegalArgumentException("events must be between 1 and " + MAX_EVENTS + ": " + events);
      }
      long versions = events - Math.round(events * duplicateShare);
      if (orders < 1 || versions < orders || versions > 4L * orders) {
        throw new IllegalArgumentException(String.format(
            "%,d orders cannot have %,d versions (%,d events less %.1f%% duplicates) at 1-4 versions per order; "
                + "give between %,d and %,d orders", orders, versions, events, duplicateShare * 100,
            (versions + 3) / 4, versions));
      }
      if (days < 1) {
        throw new IllegalArgumentException("days must be positive");
      }
    }
  }

  /** The sort key packs the arrival time and the slot: this many bits for the slot. */
  private static final int SLOT_BITS = 25;
  public static final long MAX_EVENTS = (1L << SLOT_BITS) - 1;

  private static final OrderStatus[] STATUSES = OrderStatus.values();
  private static final double[] LENGTH_SHARES = {0.10, 0.20, 0.47, 0.23}; // mean 2.83 versions per order
  private static final double[] HOUR_WEIGHTS = {0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 2.0, 3.5, 5.0, 5.5, 4.5,
      3.5, 4.0, 4.5, 4.5, 4.0, 4.5, 5.5, 6.0, 5.0, 3.0, 1.0};
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final double MOVE_ON_AMENDMENT = 0.15;

  private final BenchCampaigns campaigns;
  private final String[] orderIds;
  private final byte[] orderCategory;
  private final int[] orderMerchant;
  // one entry per distinct event (version of an order)
  private final int[] eventOrder;
  private final byte[] eventVersion;
  private final byte[] eventStatus;
  private final short[] eventCampaign;
  private final long[] eventPurchaseFen;
  private final long[] eventSubsidyFen;
  private final long[] eventTime;
  // one entry per slot in arrival order: the event it carries, and whether it is a repeat
  private final int[] slotEvent;
  private final boolean[] slotRepeat;
  private final int duplicates;
  private final int outOfOrderOrders;

  private OrderWorkload(BenchCampaigns campaigns, String[] orderIds, byte[] orderCategory, int[] orderMerchant,
      int[] eventOrder, byte[] eventVersion, byte[] eventStatus, short[] eventCampaign, long[] eventPurchaseFen,
      long[] eventSubsidyFen, long[] eventTime, int[] slotEvent, boolean[] slotRepeat, int duplicates,
      int outOfOrderOrders) {
    this.campaigns = campaigns;
    this.orderIds = orderIds;
    this.orderCategory = orderCategory;
    this.orderMerchant = orderMerchant;
    this.eventOrder = eventOrder;
    this.eventVersion = eventVersion;
    this.eventStatus = eventStatus;
    this.eventCampaign = eventCampaign;
    this.eventPurchaseFen = eventPurchaseFen;
    this.eventSubsidyFen = eventSubsidyFen;
    this.eventTime = eventTime;
    this.slotEvent = slotEvent;
    this.slotRepeat = slotRepeat;
    this.duplicates = duplicates;
    this.outOfOrderOrders = outOfOrderOrders;
  }

  public static OrderWorkload generate(Spec spec, BenchCampaigns campaigns) {
    return new Generator(spec, campaigns).run();
  }

  /** Events in all, duplicates included. */
  public int size() {
    return slotEvent.length;
  }

  public int orders() {
    return orderIds.length;
  }

  /** Slots that repeat an earlier event exactly. */
  public int duplicates() {
    return duplicates;
  }

  /** Orders with a version that arrives before the previous version. */
  public int outOfOrderOrders() {
    return outOfOrderOrders;
  }

  /** The record key of a slot: its orderId. */
  public String key(int slot) {
    return orderIds[eventOrder[slotEvent[slot]]];
  }

  /** Whether a slot repeats an event an earlier slot carried. */
  public boolean isRepeat(int slot) {
    return slotRepeat[slot];
  }

  /** The event of a slot, at its generated event time. */
  public TradeInOrder order(int slot) {
    return order(slot, eventTime[slotEvent[slot]]);
  }

  /** The event of a slot with another event time (the latency phase stamps its events with the send time). */
  public TradeInOrder order(int slot, long eventTimeMs) {
    int e = slotEvent[slot];
    int o = eventOrder[e];
    int merchant = orderMerchant[o];
    return TradeInOrder.newBuilder()
        .setOrderId(orderIds[o])
        .setVersion(eventVersion[e])
        .setCampaignId(campaigns.id(eventCampaign[e]))
        .setCategory(BenchCampaigns.CATEGORIES[orderCategory[o]])
        .setStatus(STATUSES[eventStatus[e]])
        .setPurchaseAmountFen(eventPurchaseFen[e])
        .setSubsidyAmountFen(eventSubsidyFen[e])
        .setMerchantId(campaigns.merchantId(merchant))
        .setStreet(campaigns.merchantStreet(merchant))
        .setEventTime(Instant.ofEpochMilli(eventTimeMs))
        .build();
  }

  /** The generated event time of a slot, in epoch milliseconds. */
  public long eventTimeMs(int slot) {
    return eventTime[slotEvent[slot]];
  }

  /** The generation, step by step; the random draws happen in a fixed order so a seed gives one workload. */
  private static final class Generator {
    private final Spec spec;
    private final BenchCampaigns campaigns;
    private final SplittableRandom rnd;
    private final double[] hourCdf = BenchCampaigns.cumulative(HOUR_WEIGHTS);

    Generator(Spec spec, BenchCampaigns campaigns) {
      this.spec = spec;
      this.campaigns = campaigns;
      this.rnd = new SplittableRandom(spec.seed());
    }

    OrderWorkload run() {
      int n = Math.toIntExact(spec.events());
      int duplicates = (int) Math.round(n * spec.duplicateShare());
      int versions = n - duplicates;
      int orders = spec.orders();
      byte[] lengths = lengths(orders, versions);

      String[] orderIds = new String[orders];
      byte[] category = new byte[orders];
      int[] merchant = new int[orders];
      int[] eventOrder = new int[versions];
      byte[] eventVersion = new byte[versions];
      byte[] eventStatus = new byte[versions];
      short[] eventCampaign = new short[versions];
      long[] purchase = new long[versions];
      long[] subsidy = new long[versions];
      long[] time = new long[versions];
      long[] arrival = new long[versions];
      long start = spec.start().toEpochMilli();
      int e = 0;
      int outOfOrder = 0;
      for (int o = 0; o < orders; o++) {
        orderIds[o] = spec.orderIdPrefix() + String.format("%08d", o + 1);
        int campaign = campaigns.pickCampaign(rnd);
        int c = campaigns.pickCategory(campaign, rnd);
        category[o] = (byte) c;
        merchant[o] = campaigns.pickMerchant(c, rnd);
        long price = price(c);
        long sub = subsidy(c, price);
        OrderStatus[] steps = lifecycle(lengths[o]);
        long t = start + rnd.nextInt(spec.days()) * DAY + BenchCampaigns.pick(hourCdf, rnd.nextDouble()) * HOUR
            + rnd.nextLong(HOUR);
        int first = e;
        for (int v = 0; v < steps.length; v++) {
          if (v > 0) {
            t += gap(steps[v]);
            if (steps[v] == OrderStatus.SUBMITTED) {
              // an amended application: new price, subsidy recomputed, sometimes filed under another campaign
              price = Math.max(100, price + (long) (price * (rnd.nextDouble() * 0.3 - 0.15)));
              sub = subsidy(c, price);
              if (campaigns.count() > 1 && rnd.nextDouble() < MOVE_ON_AMENDMENT) {
                int moved = campaigns.pickCampaign(rnd);
                campaign = moved != campaign ? moved : (campaign + 1) % campaigns.count();
              }
            }
          }
          eventOrder[e] = o;
          eventVersion[e] = (byte) (v + 1);
          eventStatus[e] = (byte) steps[v].ordinal();
          eventCampaign[e] = (short) campaign;
          purchase[e] = price;
          subsidy[e] = sub;
          time[e] = t;
          arrival[e] = t;
          e++;
        }
        if (steps.length > 1 && rnd.nextDouble() < spec.outOfOrderShare()) {
          // one version is held up in transit and arrives shortly after the version that follows it (an event is
          // never sent before it happens: arrival is never before the event time)
          int k = first + rnd.nextInt(steps.length - 1);
          arrival[k] = arrival[k + 1] + 1 + rnd.nextLong(2 * MINUTE);
          outOfOrder++;
        }
      }

      // slots: every event once in arrival order, plus the duplicates shortly after their originals
      long base = start - DAY;
      long[] keys = new long[n];
      int[] repeatOf = new int[duplicates];
      for (int i = 0; i < versions; i++) {
        keys[i] = ((arrival[i] - base) << SLOT_BITS) | i;
      }
      for (int d = 0; d < duplicates; d++) {
        int original = rnd.nextInt(versions);
        repeatOf[d] = original;
        long at = arrival[original] + 1 + rnd.nextLong(2 * HOUR);
        keys[versions + d] = ((at - base) << SLOT_BITS) | (versions + d);
      }
      Arrays.sort(keys);
      int[] slotEvent = new int[n];
      boolean[] slotRepeat = new boolean[n];
      long mask = (1L << SLOT_BITS) - 1;
      for (int s = 0; s < n; s++) {
        int id = (int) (keys[s] & mask);
        slotRepeat[s] = id >= versions;
        slotEvent[s] = id < versions ? id : repeatOf[id - versions];
      }
      return new OrderWorkload(campaigns, orderIds, category, merchant, eventOrder, eventVersion, eventStatus,
          eventCampaign, purchase, subsidy, time, slotEvent, slotRepeat, duplicates, outOfOrder);
    }

    /** Versions per order, 1 to 4, summing to exactly {@code versions}. */
    private byte[] lengths(int orders, int versions) {
      double mean = 0;
      for (int i = 0; i < LENGTH_SHARES.length; i++) {
        mean += (i + 1) * LENGTH_SHARES[i];
      }
      double target = versions / (double) orders;
      // mix the usual shares with all-ones or all-fours so the expected total is about right
      double[] shares = LENGTH_SHARES.clone();
      if (target < mean) {
        double keep = (target - 1) / (mean - 1);
        for (int i = 0; i < shares.length; i++) {
          shares[i] *= keep;
        }
        shares[0] += 1 - keep;
      } else {
        double keep = (4 - target) / (4 - mean);
        for (int i = 0; i < shares.length; i++) {
          shares[i] *= keep;
        }
        shares[3] += 1 - keep;
      }
      double[] cdf = BenchCampaigns.cumulative(shares);
      byte[] lengths = new byte[orders];
      long sum = 0;
      for (int o = 0; o < orders; o++) {
        lengths[o] = (byte) (BenchCampaigns.pick(cdf, rnd.nextDouble()) + 1);
        sum += lengths[o];
      }
      // then correct the remainder one version at a time on random orders
      while (sum != versions) {
        int o = rnd.nextInt(orders);
        if (sum < versions && lengths[o] < 4) {
          lengths[o]++;
          sum++;
        } else if (sum > versions && lengths[o] > 1) {
          lengths[o]--;
          sum--;
        }
      }
      return lengths;
    }

    private OrderStatus[] lifecycle(int length) {
      double u = rnd.nextDouble();
      return switch (length) {
        case 1 -> new OrderStatus[] {OrderStatus.SUBMITTED};
        case 2 -> u < 0.85 ? new OrderStatus[] {OrderStatus.SUBMITTED, OrderStatus.APPROVED}
            : new OrderStatus[] {OrderStatus.SUBMITTED, OrderStatus.CANCELLED};
        case 3 -> u < 0.88 ? new OrderStatus[] {OrderStatus.SUBMITTED, OrderStatus.APPROVED, OrderStatus.PAID}
            : new OrderStatus[] {OrderStatus.SUBMITTED, OrderStatus.APPROVED, OrderStatus.CANCELLED};
        default -> u < 0.6
            ? new OrderStatus[] {OrderStatus.SUBMITTED, OrderStatus.SUBMITTED, OrderStatus.APPROVED, OrderStatus.PAID}
            : new OrderStatus[] {OrderStatus.SUBMITTED, OrderStatus.APPROVED, OrderStatus.PAID,
                OrderStatus.REFUNDED};
      };
    }

    /** Time from the previous status to {@code to}: minutes to days, by what happens. */
    private long gap(OrderStatus to) {
      return switch (to) {
        case SUBMITTED -> 5 * MINUTE + exp(3 * HOUR);
        case APPROVED -> 10 * MINUTE + Math.min(3 * DAY, exp(8 * HOUR));
        case PAID -> 5 * MINUTE + exp(6 * HOUR);
        case CANCELLED -> HOUR + exp(DAY);
        case REFUNDED -> DAY + exp(3 * DAY);
      };
    }

    private long exp(long mean) {
      return (long) (-mean * Math.log(1 - rnd.nextDouble()));
    }

    /** Purchase price in fen by category (index into {@link BenchCampaigns#CATEGORIES}). */
    private long price(int category) {
      double u = rnd.nextDouble();
      long yuan = switch (BenchCampaigns.CATEGORIES[category]) {
        case AUTO -> 60_000 + Math.round(290_000 * u * u / 100) * 100 - 200; // 59,800 .. 349,800
        case HOME_APPLIANCE -> 1_000 + Math.round(19_000 * u * u / 10) * 10 - 1; // 999 .. 19,999
        case DIGITAL -> 1_000 + Math.round(7_000 * u / 10) * 10 - 1;
        case HOME_FURNISHING -> 2_000 + Math.round(28_000 * u * u / 10) * 10 - 1;
        case E_BIKE -> 1_500 + Math.round(3_500 * u / 10) * 10 - 1;
        case OTHER -> 300 + Math.round(4_700 * u);
      };
      long fen = yuan * 100;
      return rnd.nextDouble() < 0.2 ? fen + rnd.nextInt(100) : fen; // some prices carry jiao and fen
    }

    /** Subsidy in fen under the 2024 trade-in rules (never above the price). */
    private long subsidy(int category, long priceFen) {
      long fen = switch (BenchCampaigns.CATEGORIES[category]) {
        case AUTO -> rnd.nextDouble() < 0.55 ? 2_000_000 : 1_500_000; // new-energy 20,000 yuan, fuel 15,000
        case HOME_APPLIANCE -> Math.min(priceFen * (rnd.nextDouble() < 0.4 ? 20 : 15) / 100, 200_000);
        case DIGITAL -> Math.min(priceFen * 15 / 100, 50_000);
        case HOME_FURNISHING -> Math.min(priceFen * 15 / 100, 200_000);
        case E_BIKE -> 50_000;
        case OTHER -> Math.min(priceFen * 10 / 100, 30_000);
      };
      return Math.min(fen, priceFen);
    }
  }
}
