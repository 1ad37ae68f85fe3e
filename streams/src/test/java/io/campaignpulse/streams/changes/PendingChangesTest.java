package io.campaignpulse.streams.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.streams.StoreNames;
import io.campaignpulse.streams.aggregate.AggregateDelta;
import io.campaignpulse.streams.aggregate.AggregateKey;
import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.alerts.SubsidyChange;
import io.campaignpulse.streams.totals.CampaignCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The stage-one buffer: what it emits per campaign, its commit-time snapshot, and the batch format on the
 * repartition topics, each checked against a plain recomputation or a round trip, corrupt bytes included.
 */
class PendingChangesTest {

  private static final CampaignCounts EXTREME = new CampaignCounts(-1, 2, -3_000_000_000L, Long.MAX_VALUE,
      Long.MIN_VALUE, 6, 7, -8, 1_714_521_600_000L);

  private static List<Cell> cells() {
    return List.of(
        Cell.order("C-1", "AUTO", "七一路街道, 3号:\n-", "M:1", "2024-05-01T10"),
        Cell.order("C-1", "AUTO", "-", "M-1", null),
        Cell.order("C-2", "HOME_APPLIANCE", "街", "M-2", "2024-05-01T11"),
        Cell.sale("C-1", "OTHER", "M-1", "F-1", "2024-05-01T10"),
        Cell.visit("12:34", "F-1", null));
  }

  @Test
  void drainSumsEachCampaignsAggregatesAndKeepsItsSubsidyChangesInOrder() {
    Random rnd = new Random(7);
    PendingChanges pending = new PendingChanges();
    Map<String, Map<AggregateKey, CampaignCounts>> expected = new HashMap<>();
    Map<String, List<SubsidyChange>> expectedChanges = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      Cell cell = cells().get(rnd.nextInt(cells().size()));
      CampaignCounts delta = new CampaignCounts(rnd.nextInt(3) - 1, 0, rnd.nextInt(10_000) - 5_000, rnd.nextInt(500),
          0, 0, 0, rnd.nextInt(4), rnd.nextInt(1_000_000));
      pending.add(cell, delta);
      // reference: expand every single delta and sum per aggregate
      cell.expand(delta, (family, dimension, d) -> expected.computeIfAbsent(cell.campaignId(), c -> new HashMap<>())
          .merge(AggregateKey.of(family, cell.campaignId(), dimension), d, CampaignCounts::plus));
      if (rnd.nextInt(3) == 0) {
        SubsidyChange change = new SubsidyChange("O-" + i, i, rnd.nextInt(100) - 50, rnd.nextInt(100));
        pending.addSubsidy(cell.campaignId(), change);
        expectedChanges.computeIfAbsent(cell.campaignId(), c -> new ArrayList<>()).add(change);
      }
    }

    Map<String, CampaignBatch> batches = pending.drain();

    // a sum back at zero changes nothing and is left out, except a campaign's totals (they carry the event time)
    expected.values().forEach(sums -> sums.entrySet().removeIf(e -> e.getKey().family() != Family.CAMPAIGN_TOTAL
        && e.getValue().isZero()));
    assertThat(batches.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    batches.forEach((campaignId, batch) -> {
      Map<AggregateKey, CampaignCounts> got = new HashMap<>();
      for (AggregateDelta d : batch.deltas()) {
        assertThat(got.put(d.key(campaignId), d.counts())).as("one delta per aggregate").isNull();
      }
      assertThat(got).isEqualTo(expected.get(campaignId));
      assertThat(batch.subsidyChanges()).isEqualTo(expectedChanges.getOrDefault(campaignId, List.of()));
    });
    assertThat(pending.isEmpty()).isTrue();
    assertThat(pending.drain()).isEmpty();
  }

  @Test
  void netHoursAreSummedPerCampaignAndHourAndLeftOutWhenTheySumToZero() {
    PendingChanges pending = new PendingChanges();
    CampaignCounts one = new CampaignCounts(1, 0, 500, 50, 0, 0, 0, 0, 123);
    pending.add(cells().get(0), one);
    pending.addNet("C-1", "2024-05-01T10", one);
    pending.addNet("C-1", "2024-05-01T10", one);
    pending.addNet("C-1", "2024-05-01T11", one);
    pending.addNet("C-1", "2024-05-01T11", one.negate());
    // the cell's six aggregates (totals, category, street, merchant, hour, day) and two net hours
    assertThat(pending.size()).isEqualTo(8);
    List<AggregateDelta> net = pending.drain().get("C-1").deltas().stream()
        .filter(d -> d.family() == Family.CAMPAIGN_HOURLY_NET).toList();
    assertThat(net).containsExactly(new AggregateDelta(Family.CAMPAIGN_HOURLY_NET, "2024-05-01T10",
        one.plus(one).at(CampaignCounts.NO_TIME)));
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void aCampaignWithOnlySubsidyChangesStillGetsItsBatch() {
    PendingChanges pending = new PendingChanges();
    SubsidyChange change = new SubsidyChange("O-1", 5, -100, 0);
    pending.addSubsidy("C-9", change);
    assertThat(pending.drain()).containsOnlyKeys("C-9")
        .extractingByKey("C-9").isEqualTo(new CampaignBatch(List.of(), List.of(change)));
  }

  @Test
  void theSnapshotRestoresCellsNetHoursChangesAndClockAcrossChunks() {
    PendingChanges pending = new PendingChanges();
    pending.observe(1_714_521_600_000L);
    List<SubsidyChange> changes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Cell cell = cells().get(i % cells().size());
      pending.add(Cell.order(cell.campaignId(), "AUTO", null, "M-" + i, i % 2 == 0 ? null : "2024-05-01T10"),
          EXTREME.at(i));
      pending.add(cell, EXTREME);
      pending.addNet(cell.campaignId(), "2024-05-01T1" + i % 7, new CampaignCounts(i, -i, 3L * i, 0, 0, 1, 0, -2, i));
      SubsidyChange change = new SubsidyChange("订单-" + i, Long.MIN_VALUE + i, Long.MAX_VALUE - i, -i);
      pending.addSubsidy("C-1", change);
      changes.add(change);
    }
    assertThat(pending.dirty()).isTrue();

    List<byte[]> chunks = pending.snapshot(1_000);

    assertThat(chunks).hasSizeGreaterThan(10);
    assertThat(pending.dirty()).isFalse();
    PendingChanges restored = PendingChanges.restore(chunks);
    assertThat(restored.clock()).isEqualTo(1_714_521_600_000L);
    assertThat(restored.size()).isEqualTo(pending.size());
    assertThat(restored.drain()).isEqualTo(pending.drain());
    assertThat(restored.dirty()).isTrue();
    assertThat(PendingChanges.restore(List.of()).isEmpty()).isTrue();
    assertThat(PendingChanges.restore(List.of()).clock()).isEqualTo(CampaignCounts.NO_TIME);
  }

  @Test
  void aSnapshotOfCellsAsVersionsUpTo05WroteItRestoresToTheSameBatches() {
    CampaignCounts delta = new CampaignCounts(1, 0, 500_000, 75_000, 0, 0, 0, 0, 1_714_521_600_000L);
    PendingChanges added = new PendingChanges();
    added.observe(1_714_521_700_000L);
    io.campaignpulse.streams.wire.ByteWriter v1 = new io.campaignpulse.streams.wire.ByteWriter(256);
    v1.writeByte(1).writeByte('T').writeVarLong(1_714_521_700_000L);
    for (Cell c : cells()) {
      added.add(c, delta);
      v1.writeByte('C').writeString(c.campaignId()).writeString(c.category()).writeString(c.street())
          .writeString(c.merchantId()).writeString(c.fairId()).writeString(c.hour());
      io.campaignpulse.streams.wire.CountsCodec.write(v1, delta);
    }
    SubsidyChange change = new SubsidyChange("O-1", 7, 75_000, 0);
    added.addSubsidy("C-1", change);
    v1.writeByte('S').writeString("C-1").writeString("O-1").writeVarLong(7).writeVarLong(75_000).writeVarLong(0);

    PendingChanges restored = PendingChanges.restore(List.of(v1.toByteArray()));

    assertThat(restored.clock()).isEqualTo(1_714_521_700_000L);
    assertThat(restored.size()).isEqualTo(added.size());
    assertThat(restored.drain()).isEqualTo(added.drain());
  }

  @Test
  void batchesSurviveTheirWireFormat() {
    CampaignBatchSerde serde = new CampaignBatchSerde();
    CampaignBatch batch = new CampaignBatch(
        List.of(new AggregateDelta(Family.MERCHANT, "M-商户-1", EXTREME),
            new AggregateDelta(Family.CAMPAIGN_TOTAL, "", CampaignCounts.ZERO),
            new AggregateDelta(Family.FAIR_HOURLY, "F-1\u001f2024-05-01T10", EXTREME.at(CampaignCounts.NO_TIME))),
        List.of(new SubsidyChange("订单-1", -5, Long.MIN_VALUE, Long.MAX_VALUE)));
    byte[] bytes = serde.serializer().serialize("t", batch);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(batch);
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t",
        new CampaignBatch(List.of(), List.of())))).isEqualTo(new CampaignBatch(List.of(), List.of()));
    // a typical order delta is compact
    byte[] one = serde.serializer().serialize("t", new CampaignBatch(List.of(new AggregateDelta(Family.MERCHANT,
        "M-1", new CampaignCounts(1, 0, 1_299_900, 129_990, 0, 0, 0, 0, CampaignCounts.NO_TIME))), List.of()));
    assertThat(one.length).isLessThan(20);
  }

  @Test
  void corruptOrTruncatedBytesAreSerializationErrorsNeverAnythingElse() {
    CampaignBatchSerde serde = new CampaignBatchSerde();
    byte[] batch = serde.serializer().serialize("t", new CampaignBatch(
        List.of(new AggregateDelta(Family.MERCHANT, "M-1", EXTREME)),
        List.of(new SubsidyChange("O-1", 1, 2, 3))));
    PendingChanges pending = new PendingChanges();
    pending.add(cells().get(0), EXTREME);
    pending.addSubsidy("C-1", new SubsidyChange("O-1", 1, 2, 3));
    pending.addNet("C-1", "2024-05-01T10", EXTREME);
    byte[] snapshot = pending.snapshot(1 << 20).get(0);
    Random rnd = new Random(11);
    for (int i = 0; i < 3_000; i++) {
      byte[] bad = i % 3 == 0 ? Arrays.copyOf(batch, rnd.nextInt(batch.length))
          : i % 3 == 1 ? Arrays.copyOf(snapshot, rnd.nextInt(snapshot.length)) : mutate(i % 2 == 0 ? batch : snapshot, rnd);
      try {
        serde.deserializer().deserialize("t", bad);
      } catch (SerializationException expected) {
        // fine: a clear error
      }
      try {
        PendingChanges.restore(List.of(bad));
      } catch (SerializationException expected) {
        // fine: a clear error
      }
    }
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("not a CampaignBatch");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(batch, batch.length - 1)))
        .isInstanceOf(SerializationException.class);
  }

  private static byte[] mutate(byte[] bytes, Random rnd) {
    byte[] copy = bytes.clone();
    copy[rnd.nextInt(copy.length)] = (byte) rnd.nextInt(256);
    return copy;
  }

  @Test
  void theStoreWritesItsSnapshotWhenFlushedAndReadsItBackAfterAClearOrARestart() {
    MockProcessorContext<String, ChangeOutput> context = new MockProcessorContext<>();
    var chunks = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.ORDER_PENDING),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    PendingChangesStore store = new PendingChangesStore(chunks);
    store.init(context.getStateStoreContext(), store);
    PendingChanges pending = store.pending();
    for (int i = 0; i < 30_000; i++) {
      pending.add(Cell.order("C-1", "AUTO", "S", "M-" + i, "2024-05-01T10"), EXTREME);
    }
    store.flushCache();
    long written = chunks.approximateNumEntries();
    assertThat(written).as("a snapshot larger than a chunk").isGreaterThan(1);

    store.clearCache();
    // 30,000 merchant sums, and the campaign's totals, category, street, hour and day
    assertThat(store.pending().size()).isEqualTo(30_005);

    store.pending().drain();
    store.flushCache();
    assertThat(chunks.approximateNumEntries()).as("chunks left over from a larger snapshot are deleted").isOne();
    store.clearCache();
    assertThat(store.pending().isEmpty()).isTrue();
  }
}
