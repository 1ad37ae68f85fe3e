package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate deltas {@link PendingChanges} holds between two emits: each event's cells expanded into their
 * aggregates as the event is processed (while its strings are still in the CPU's cache; expanding a whole interval's
 * cells at the emit cost far more) and added up per campaign, family and dimension, in place. Deltas come out per
 * campaign in family order, dimensions in the order first added; a sum that came back to zero is left out, except
 * the campaign totals, which carry the latest event time.
 */
final class BatchSums implements Cell.Sink {

  /** Receives every sum: campaign, family, dimension, counts. */
  @FunctionalInterface
  interface EntryConsumer {
    void accept(String campaignId, Family family, String dimension, CampaignCounts counts);
  }

  private static final Family[] FAMILIES = Family.values();

  private final Map<String, Map<String, Sum>[]> campaigns = new LinkedHashMap<>();
  private final Map<String, String> days = new HashMap<>();
  private Map<String, Sum>[] current;
  private int size;

  /** Directs the next additions to {@code campaignId}. */
  @SuppressWarnings("unchecked")
  BatchSums campaign(String campaignId) {
    current = campaigns.computeIfAbsent(campaignId, id -> new Map[FAMILIES.length]);
    return this;
  }

  @Override
  public void accept(Family family, String dimension, CampaignCounts counts) {
    Map<String, Sum> dimensions = current[family.ordinal()];
    if (dimensions == null) {
      dimensions = new LinkedHashMap<>();
      current[family.ordinal()] = dimensions;
    }
    Sum sum = dimensions.get(dimension);
    if (sum == null) {
      dimensions.put(dimension, new Sum(counts));
      size++;
    } else {
      sum.add(counts);
    }
  }

  @Override
  public String day(String hour) {
    return days.computeIfAbsent(hour, Cell::dayOf);
  }

  /** How many sums (campaign, family, dimension) it holds. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Every sum as it stands, zero or not, campaign by campaign in the order first added. */
  void forEach(EntryConsumer consumer) {
    campaigns.forEach((campaignId, families) -> {
      for (Family family : FAMILIES) {
        Map<String, Sum> dimensions = families[family.ordinal()];
        if (dimensions != null) {
          dimensions.forEach((dimension, sum) -> consumer.accept(campaignId, family, dimension, sum.counts()));
        }
      }
    });
  }

  /** The campaigns added to, in the order first added. */
  Iterable<String> campaignIds() {
    return campaigns.keySet();
  }

  /** A campaign's summed deltas (leaving out sums back at zero but its totals), empty when nothing was added. */
  List<AggregateDelta> deltas(String campaignId) {
    Map<String, Sum>[] families = campaigns.get(campaignId);
    if (families == null) {
      return List.of();
    }
    List<AggregateDelta> deltas = new ArrayList<>();
    for (Family family : FAMILIES) {
      Map<String, Sum> dimensions = families[family.ordinal()];
      if (dimensions != null) {
        dimensions.forEach((dimension, sum) -> {
          if (family == Family.CAMPAIGN_TOTAL || !sum.isZero()) {
            deltas.add(new AggregateDelta(family, dimension, sum.counts()));
          }
        });
      }
    }
    return deltas;
  }

  /** A running sum of {@link CampaignCounts}, added in place: counts by addition, the event time by max. */
  private static final class Sum {
    private long orders;
    private long pendingOrders;
    private long orderConsumptionFen;
    private long subsidyFen;
    private long pendingSubsidyFen;
    private long fairSales;
    private long fairSalesFen;
    private long visitors;
    private long lastEventTime;

    Sum(CampaignCounts first) {
      lastEventTime = CampaignCounts.NO_TIME;
      add(first);
    }

    void add(CampaignCounts c) {
      orders += c.orders();
      pendingOrders += c.pendingOrders();
      orderConsumptionFen += c.orderConsumptionFen();
      subsidyFen += c.subsidyFen();
      pendingSubsidyFen += c.pendingSubsidyFen();
      fairSales += c.fairSales();
      fairSalesFen += c.fairSalesFen();
      visitors += c.visitors();
      lastEventTime = Math.max(lastEventTime, c.lastEventTime());
    }

    boolean isZero() {
      return orders == 0 && pendingOrders == 0 && orderConsumptionFen == 0 && subsidyFen == 0
          && pendingSubsidyFen == 0 && fairSales == 0 && fairSalesFen == 0 && visitors == 0;
    }

    CampaignCounts counts() {
      return new CampaignCounts(orders, pendingOrders, orderConsumptionFen, subsidyFen, pendingSubsidyFen, fairSales,
          fairSalesFen, visitors, lastEventTime);
    }
  }
}
