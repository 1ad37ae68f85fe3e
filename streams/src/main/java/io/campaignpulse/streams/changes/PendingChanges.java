package io.campaignpulse.streams.changes;

import io.campaignpulse.streams.aggregate.Family;
import io.campaignpulse.streams.alerts.SubsidyChange;
import io.campaignpulse.streams.totals.CampaignCounts;
import io.campaignpulse.streams.wire.ByteReader;
import io.campaignpulse.streams.wire.ByteWriter;
import io.campaignpulse.streams.wire.CountsCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What one input partition has changed since its last emit, in memory: the delta of each {@link Cell}, the net
 * change of each campaign in the local hour of the events that made it ({@link Family#CAMPAIGN_HOURLY_NET}), the
 * per-order subsidy changes of each campaign in processing order, and the partition's event-time clock (the latest
 * event time of its valid events). {@link #drain()} turns it into one {@link CampaignBatch} per campaign.
 *
 * <p>Lateness is measured against this clock rather than Kafka's stream time, which follows record timestamps: a
 * producer stamping records with the wall clock would otherwise make every historical event late.
 *
 * <p>{@link PendingChangesStore} writes it to its changelog, as {@link #snapshot(int)} chunks, when the task
 * commits, so it survives a crash in step with the input offsets.
 */
final class PendingChanges {

  private static final int FORMAT_V1 = 1;
  private static final int CLOCK = 'T';
  private static final int CELL = 'C';
  private static final int SUBSIDY = 'S';
  private static final int NET = 'N';

  private final Map<Cell, CampaignCounts> cells = new LinkedHashMap<>();
  private final Map<String, List<SubsidyChange>> subsidies = new LinkedHashMap<>();
  private final Map<String, Map<String, CampaignCounts>> net = new LinkedHashMap<>();
  private int netCount;
  private long clock = CampaignCounts.NO_TIME;
  private int subsidyCount;
  private boolean dirty;

  /** Moves the clock to {@code eventTime} if that is later. */
  void observe(long eventTime) {
    if (eventTime > clock) {
      clock = eventTime;
      dirty = true;
    }
  }

  /** How far {@code eventTime} is behind the clock (0 or negative when it is not). */
  long lateness(long eventTime) {
    return clock == CampaignCounts.NO_TIME ? 0 : clock - eventTime;
  }

  long clock() {
    return clock;
  }

  void add(Cell cell, CampaignCounts delta) {
    cells.merge(cell, delta, CampaignCounts::plus);
    dirty = true;
  }

  /** Adds the net change an event made to its campaign, in the local hour of the event's time. */
  void addNet(String campaignId, String hour, CampaignCounts delta) {
    CampaignCounts counts = delta.at(CampaignCounts.NO_TIME);
    Map<String, CampaignCounts> hours = net.computeIfAbsent(campaignId, id -> new LinkedHashMap<>());
    CampaignCounts sum = hours.get(hour);
    if (sum == null) {
      hours.put(hour, counts);
      netCount++;
    } else {
      hours.put(hour, sum.plus(counts));
    }
    dirty = true;
  }

  void addSubsidy(String campaignId, SubsidyChange change) {
    subsidies.computeIfAbsent(campaignId, id -> new ArrayList<>()).add(change);
    subsidyCount++;
    dirty = true;
  }

  /** Cells, net hours and subsidy changes waiting for the next emit. */
  int size() {
    return cells.size() + netCount + subsidyCount;
  }

  boolean isEmpty() {
    return cells.isEmpty() && net.isEmpty() && subsidies.isEmpty();
  }

  /**
   * Expands every cell into its aggregates, sums them per aggregate, adds the net hours that changed something, and
   * returns one batch per campaign (with that campaign's subsidy changes), emptying the buffer. The clock stays.
   */
  Map<String, CampaignBatch> drain() {
    BatchSums sums = new BatchSums();
    for (Map.Entry<Cell, CampaignCounts> e : cells.entrySet()) {
      e.getKey().expand(e.getValue(), sums.campaign(e.getKey().campaignId()));
    }
    net.forEach((campaignId, hours) -> hours.forEach((hour, delta) -> {
      if (!delta.isZero()) {
        sums.campaign(campaignId).accept(Family.CAMPAIGN_HOURLY_NET, hour, delta);
      }
    }));
    Map<String, CampaignBatch> batches = new LinkedHashMap<>();
    for (String campaignId : sums.campaignIds()) {
      batches.put(campaignId, new CampaignBatch(sums.deltas(campaignId),
          subsidies.getOrDefault(campaignId, List.of())));
    }
    subsidies.forEach((campaignId, changes) -> batches.computeIfAbsent(campaignId,
        id -> new CampaignBatch(List.of(), changes)));
    cells.clear();
    net.clear();
    netCount = 0;
    subsidies.clear();
    subsidyCount = 0;
    dirty = true;
    return batches;
  }

  /** True when something changed since the last {@link #snapshot}. */
  boolean dirty() {
    return dirty;
  }

  /**
   * The whole buffer as chunks of about {@code chunkBytes} or less (one entry may exceed it alone), the first
   * holding the clock; marks the buffer clean. Entries keep their order across chunks.
   */
  List<byte[]> snapshot(int chunkBytes) {
    List<byte[]> chunks = new ArrayList<>();
    ByteWriter out = new ByteWriter(Math.min(chunkBytes, 64 * 1024));
    out.writeByte(FORMAT_V1);
    out.writeByte(CLOCK).writeVarLong(clock);
    for (Map.Entry<Cell, CampaignCounts> e : cells.entrySet()) {
      out = rollIfFull(out, chunks, chunkBytes);
      Cell c = e.getKey();
      out.writeByte(CELL).writeString(c.campaignId()).writeString(c.category()).writeString(c.street())
          .writeString(c.merchantId()).writeString(c.fairId()).writeString(c.hour());
      CountsCodec.write(out, e.getValue());
    }
    for (Map.Entry<String, Map<String, CampaignCounts>> e : net.entrySet()) {
      for (Map.Entry<String, CampaignCounts> hour : e.getValue().entrySet()) {
        out = rollIfFull(out, chunks, chunkBytes);
        out.writeByte(NET).writeString(e.getKey()).writeString(hour.getKey());
        CountsCodec.write(out, hour.getValue());
      }
    }
    for (Map.Entry<String, List<SubsidyChange>> e : subsidies.entrySet()) {
      for (SubsidyChange s : e.getValue()) {
        out = rollIfFull(out, chunks, chunkBytes);
        out.writeByte(SUBSIDY).writeString(e.getKey()).writeString(s.orderId()).writeVarLong(s.eventTime())
            .writeVarLong(s.grantedFen()).writeVarLong(s.pendingFen());
      }
    }
    chunks.add(out.toByteArray());
    dirty = false;
    return chunks;
  }

  private static ByteWriter rollIfFull(ByteWriter out, List<byte[]> chunks, int chunkBytes) {
    if (out.size() < chunkBytes) {
      return out;
    }
    chunks.add(out.toByteArray());
    ByteWriter next = new ByteWriter(Math.min(chunkBytes, 64 * 1024));
    next.writeByte(FORMAT_V1);
    return next;
  }

  /** The buffer a {@link #snapshot} wrote, from its chunks in order; empty when there are none. */
  static PendingChanges restore(List<byte[]> chunks) {
    PendingChanges p = new PendingChanges();
    for (byte[] chunk : chunks) {
      ByteReader in = new ByteReader(chunk);
      if (in.readByte() != FORMAT_V1) {
        throw new SerializationException("not a pending-changes v1 snapshot (" + chunk.length + " bytes)");
      }
      while (in.hasRemaining()) {
        int type = in.readByte();
        switch (type) {
          case CLOCK -> p.clock = in.readVarLong();
          case CELL -> {
            Cell cell = new Cell(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString());
            if (cell.campaignId() == null) {
              throw in.corrupt("cell without campaign");
            }
            p.cells.merge(cell, CountsCodec.read(in), CampaignCounts::plus);
          }
          case NET -> {
            String campaignId = in.readString();
            String hour = in.readString();
            if (campaignId == null || hour == null) {
              throw in.corrupt("net change without campaign or hour");
            }
            p.addNet(campaignId, hour, CountsCodec.read(in));
          }
          case SUBSIDY -> {
            String campaignId = in.readString();
            String orderId = in.readString();
            if (campaignId == null || orderId == null) {
              throw in.corrupt("subsidy change without campaign or order");
            }
            p.addSubsidy(campaignId, new SubsidyChange(orderId, in.readVarLong(), in.readVarLong(),
                in.readVarLong()));
          }
          default -> throw in.corrupt("unknown entry type " + type);
        }
      }
    }
    p.dirty = false;
    return p;
  }
}
