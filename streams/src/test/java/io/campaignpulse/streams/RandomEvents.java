package io.campaignpulse.streams;

import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random event sequences that exercise every counting rule: orders with 1-5 versions (arriving shuffled,
 * sometimes repeated, sometimes repeated with different content, sometimes moving campaign), fair sales with
 * repeated saleIds, and gate reports repeated or corrected. Campaigns C-0..C-2, fairs F-0..F-1.
 */
public final class RandomEvents {

  private static final OrderStatus[] STATUSES = OrderStatus.values();

  private RandomEvents() {
  }

  /** Orders with 1-5 versions emitted shuffled and sometimes repeated, plus sales and gate reports. */
  public static List<Object> generate(Random random, int size) {
    List<Object> events = new ArrayList<>();
    Instant start = Events.T0;
    // orders take about 60% of the sequence, fair sales and gate reports the rest
    int orderEvents = Math.max(1, size * 6 / 10);
    for (int i = 0; events.size() < orderEvents; i++) {
      String orderId = "O-" + i;
      int versions = 1 + random.nextInt(5);
      String campaign = campaign(random);
      long purchase = 100 + random.nextInt(2_000_000);
      long subsidy = random.nextInt((int) Math.min(purchase, 400_000) + 1);
      List<TradeInOrder> lifecycle = new ArrayList<>();
      for (int v = 1; v <= versions; v++) {
        if (random.nextInt(10) == 0) {
          campaign = campaign(random); // a correction moves the order to another campaign
        }
        OrderStatus status = v == 1 ? OrderStatus.SUBMITTED : STATUSES[random.nextInt(STATUSES.length)];
        lifecycle.add(Events.order(orderId, v, campaign, status, purchase, subsidy,
            start.plusSeconds(random.nextInt(86_400 * 30))));
      }
      if (random.nextBoolean()) {
        Collections.shuffle(lifecycle, random); // versions arrive out of order
      }
      for (TradeInOrder o : lifecycle) {
        events.add(o);
        if (random.nextInt(8) == 0) {
          events.add(o); // duplicate send
        }
        if (random.nextInt(20) == 0) {
          // the same (orderId, version) with different content: the first one seen wins
          events.add(Events.order(orderId, o.getVersion(), o.getCampaignId(), OrderStatus.PAID, purchase, 0,
              o.getEventTime()));
        }
      }
    }
    while (events.size() < size) {
      if (random.nextBoolean()) {
        events.add(Events.sale("S-" + random.nextInt(size), "F-1", campaign(random), random.nextInt(5_000_000),
            start.plusSeconds(random.nextInt(86_400))));
      } else {
        int fair = random.nextInt(2); // a fair belongs to one campaign
        events.add(Events.visit("F-" + fair, "C-" + fair, "G-" + random.nextInt(3),
            random.nextInt(500), start.plusSeconds(3600L * random.nextInt(4))));
      }
    }
    Collections.shuffle(events.subList(0, Math.min(events.size(), 10)), random);
    return events;
  }

  private static String campaign(Random random) {
    return "C-" + random.nextInt(3);
  }
}
