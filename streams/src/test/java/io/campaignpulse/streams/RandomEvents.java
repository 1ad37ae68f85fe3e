package io.campaignpulse.streams;

import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random event sequences that exercise every counting rule: orders with 1-5 versions over several days (some
 * repeated, some repeated with different content, some moving campaign, some cancelled or refunded), fair sales
 * with repeated saleIds, gate reports repeated or corrected; categories, streets (or none), merchants and fairs
 * vary. Events arrive roughly in event-time order, as a live feed does: neighbours swap, and a few are held back
 * for hours, far beyond a short grace period, so they arrive late. Campaigns C-0..C-2; fair F-n belongs to C-n.
 */
public final class RandomEvents {

  private static final OrderStatus[] STATUSES = OrderStatus.values();
  private static final Category[] CATEGORIES = {Category.AUTO, Category.HOME_APPLIANCE, Category.DIGITAL};
  private static final String[] STREETS = {"七一路街道", "荷花路街道", "城北街道", null};
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  private RandomEvents() {
  }

  private record Timed(long time, Object event) {
  }

  public static List<Object> generate(Random random, int size) {
    long start = Events.T0.toEpochMilli();
    long span = Math.max(6 * HOUR, size * 10 * MINUTE); // about ten minutes of event time per event
    List<Timed> timed = new ArrayList<>();
    int orderEvents = Math.max(1, size * 6 / 10); // orders about 60%, fair sales and gate reports the rest
    for (int i = 0; timed.size() < orderEvents; i++) {
      String orderId = "O-" + i;
      int versions = 1 + random.nextInt(5);
      String campaign = campaign(random);
      Category category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      String merchant = "M-" + random.nextInt(5);
      String street = STREETS[random.nextInt(STREETS.length)];
      long purchase = 100 + random.nextInt(2_000_000);
      long subsidy = random.nextInt((int) Math.min(purchase, 400_000) + 1);
      long time = start + (long) (random.nextDouble() * span);
      for (int v = 1; v <= versions; v++) {
        if (random.nextInt(10) == 0) {
          campaign = campaign(random); // a correction moves the order to another campaign
        }
        OrderStatus status = v == 1 ? OrderStatus.SUBMITTED : STATUSES[random.nextInt(STATUSES.length)];
        TradeInOrder o = order(orderId, v, campaign, category, status, purchase, subsidy, merchant, street, time);
        timed.add(new Timed(time, o));
        if (random.nextInt(8) == 0) {
          timed.add(new Timed(time, o)); // duplicate send
        }
        if (random.nextInt(20) == 0) {
          // the same (orderId, version) with different content: the first one seen wins
          timed.add(new Timed(time, order(orderId, v, campaign, category, OrderStatus.PAID, purchase, 0, merchant,
              street, time)));
        }
        time += random.nextInt(10) == 0 ? random.nextInt(3) * HOUR : random.nextInt(40) * MINUTE;
      }
    }
    while (timed.size() < size) {
      long time = start + (long) (random.nextDouble() * span);
      int fair = random.nextInt(3); // a fair belongs to one campaign
      if (random.nextBoolean()) {
        FairSale sale = FairSale.newBuilder().setSaleId("S-" + random.nextInt(size)).setFairId("F-" + fair)
            .setCampaignId("C-" + fair).setMerchantId("M-" + (5 + random.nextInt(3)))
            .setCategory(CATEGORIES[random.nextInt(CATEGORIES.length)]).setAmountFen(random.nextInt(5_000_000))
            .setEventTime(Instant.ofEpochMilli(time)).build();
        timed.add(new Timed(time, sale));
      } else {
        long slot = start + 15 * MINUTE * random.nextInt((int) (span / (15 * MINUTE)) + 1);
        FairVisit visit = Events.visit("F-" + fair, "C-" + fair, "G-" + random.nextInt(3), random.nextInt(500),
            Instant.ofEpochMilli(slot));
        timed.add(new Timed(slot, visit));
      }
    }
    timed.sort(Comparator.comparingLong(Timed::time));
    List<Object> events = new ArrayList<>();
    List<Timed> heldBack = new ArrayList<>();
    for (Timed t : timed) {
      if (random.nextInt(25) == 0) {
        // held back: released after events some hours later have gone by
        heldBack.add(new Timed(t.time() + HOUR + random.nextInt(12) * HOUR, t.event()));
      } else {
        events.add(t.event());
      }
      for (var it = heldBack.iterator(); it.hasNext(); ) {
        Timed h = it.next();
        if (h.time() <= t.time()) {
          events.add(h.event());
          it.remove();
        }
      }
    }
    heldBack.forEach(h -> events.add(h.event()));
    for (int i = 1; i < events.size(); i++) {
      if (random.nextInt(6) == 0) {
        Collections.swap(events, i - 1, i); // neighbours swap
      }
    }
    return events;
  }

  private static TradeInOrder order(String orderId, int version, String campaignId, Category category,
      OrderStatus status, long purchaseFen, long subsidyFen, String merchantId, String street, long time) {
    return TradeInOrder.newBuilder()
        .setOrderId(orderId).setVersion(version).setCampaignId(campaignId).setCategory(category).setStatus(status)
        .setPurchaseAmountFen(purchaseFen).setSubsidyAmountFen(subsidyFen).setMerchantId(merchantId)
        .setStreet(street).setEventTime(Instant.ofEpochMilli(time)).build();
  }

  private static String campaign(Random random) {
    return "C-" + random.nextInt(3);
  }
}
