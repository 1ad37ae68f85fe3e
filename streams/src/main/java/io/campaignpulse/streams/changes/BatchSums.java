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
 * The sums of one drain of {@link PendingChanges}: every cell expanded into its aggregates and added up per
 * campaign, family and dimension, in place (a drain adds several aggregates per event, so a new object per addition
 * would be most of its cost). Deltas come out per campaign in family order, dimensions in the order first added.
 */
final class BatchSums implements Cell.Sink {

  private static final Family[] FAMILIES = Family.values();

  private final Map<String, Map<String, Sum>[]> campaigns = new LinkedHashMap<>();
  private final Map<String, String> days = new HashMap<>();
  private Map<String, Sum>[] current;

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
    } else {
      sum.add(counts);
    }
  }

  @Override
  public String day(String hour) {
    return days.computeIfAbsent(hour, Cell::dayOf);
  }

  /** The campaigns added to, in the order first added. */
  Iterable<String> campaignIds() {
    return campaigns.keySet();
  }

  /** A campaign's summed deltas, or an empty list when nothing was added to it. */
  List<AggregateDelta> deltas(String campaignId) {
    Map<String, Sum>[] families = campaigns.get(campaignId);
    if (families == null) {
      return List.of();
    }
    List<AggregateDelta> deltas = new ArrayList<>();
    for (Family family : FAMILIES) {
      Map<String, Sum> dimensions = families[family.ordinal()];
      if (dimensions != null) {
        dimensions.forEach((dimension, sum) -> deltas.add(new AggregateDelta(family, dimension, sum.counts())));
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

    CampaignCounts counts() {
      return new CampaignCounts(orders, pendingOrders, orderConsumptionFen, subsidyFen, pendingSubsidyFen, fairSales,
          fairSalesFen, visitors, lastEventTime);
    }
  }
}
