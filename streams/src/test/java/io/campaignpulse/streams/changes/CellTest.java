package io.campaignpulse.streams.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellTest {

  @Test
  void cellsAreEqualByTheirPartsAndNullsCount() {
    assertThat(Cell.order("C-1", "AUTO", "S", "M-1", null)).isEqualTo(Cell.order("C-1", "AUTO", "S", "M-1", null))
        .hasSameHashCodeAs(Cell.order("C-1", "AUTO", "S", "M-1", null))
        .isNotEqualTo(Cell.order("C-1", "AUTO", "S", "M-1", "2024-05-01T10"))
        .isNotEqualTo(Cell.sale("C-1", "AUTO", "M-1", "S", null))
        .isNotEqualTo(Cell.order("C-1", "AUTO", null, "M-1", null));
  }

  @Test
  void aCellExpandsIntoTheAggregatesItsInputHas() {
    CampaignCounts sale = CampaignCounts.fairSale(1_000, 42);
    Map<AggregateKey, CampaignCounts> keys = new LinkedHashMap<>();
    Cell.sale("C-1", "AUTO", "M-1", "F-1", "2024-05-01T10").expand(sale,
        (family, dimension, counts) -> keys.put(AggregateKey.of(family, "C-1", dimension), counts));
    assertThat(keys.keySet()).containsExactly(
        AggregateKey.of(Family.CAMPAIGN_TOTAL, "C-1", ""),
        AggregateKey.of(Family.CATEGORY, "C-1", "AUTO"),
        AggregateKey.of(Family.MERCHANT, "C-1", "M-1"),
        AggregateKey.of(Family.FAIR_TOTAL, "C-1", "F-1"),
        AggregateKey.of(Family.CAMPAIGN_HOURLY, "C-1", "2024-05-01T10"),
        AggregateKey.of(Family.CAMPAIGN_DAILY, "C-1", "2024-05-01"),
        AggregateKey.of(Family.FAIR_HOURLY, "C-1", "F-1", "2024-05-01T10"),
        AggregateKey.of(Family.FAIR_DAILY, "C-1", "F-1", "2024-05-01"));
    // only the totals keep the event time
    assertThat(keys.get(AggregateKey.of(Family.CAMPAIGN_TOTAL, "C-1", "")).lastEventTime()).isEqualTo(42);
    assertThat(keys.get(AggregateKey.of(Family.MERCHANT, "C-1", "M-1")).lastEventTime())
        .isEqualTo(CampaignCounts.NO_TIME);

    // a late order: no series; a delta that changes no count touches the totals' time only
    keys.clear();
    Cell.order("C-1", "AUTO", "-", "M-1", null).expand(CampaignCounts.ZERO.at(7),
        (family, dimension, counts) -> keys.put(AggregateKey.of(family, "C-1", dimension), counts));
    assertThat(keys.keySet()).containsExactly(AggregateKey.of(Family.CAMPAIGN_TOTAL, "C-1", ""));
  }
}
