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
 * What one input partition has changed since its last emit, in memory: the summed delta of each aggregate (each
 * event's {@link Cell}s expanded as they are added, {@link BatchSums}), the net change of each campaign in the local
 * hour of the events that made it ({@link Family#CAMPAIGN_HOURLY_NET}), the per-order subsidy changes of each
 * campaign in processing order, and the partition's event-time clock (the latest event time of its valid events).
 * {@link #drain()} turns it into one {@link CampaignBatch} per campaign.
 *
 * <p>Lateness is measured against this clock rather than Kafka's stream time, which follows record timestamps: a
 * producer stamping records with the wall clock would otherwise make every historical event late.
 *
 * <p>{@link PendingChangesStore} writes it to its changelog, as {@link #snapshot(int)} chunks, when the task
 * commits, so it survives a crash in step with the input offsets.
 */
final class PendingChanges {

  /** Snapshots of 0.5 and earlier: cells, expanded when read. */
  private static final int FORMAT_V1 = 1;
  /** Snapshots of 0.6: aggregate sums. */
  private static final int FORMAT_V2 = 2;
  private static final int CLOCK = 'T';
  private static final int CELL = 'C';
  private static final int AGGREGATE = 'A';
  private static final int SUBSIDY = 'S';
  private static final int NET = 'N';

  private BatchSums sums = new BatchSums();
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

  /** Adds a delta to every aggregate of its cell. */
  void add(Cell cell, CampaignCounts delta) {
    cell.expand(delta, sums.campaign(cell.campaignId()));
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

  /** Aggregate sums, net hours and subsidy changes waiting for the next emit. */
  int size() {
    return sums.size() + netCount + subsidyCount;
  }

  boolean isEmpty() {
    return sums.isEmpty() && net.isEmpty() && subsidies.isEmpty();
  }

  /**
   * Adds the net hours that changed something to the aggregate sums and returns one batch per campaign (with that
   * campaign's subsidy changes), emptying the buffer. The clock stays.
   */
  Map<String, CampaignBatch> drain() {
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
    sums = new BatchSums();
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
    Chunks chunks = new Chunks(chunkBytes);
    chunks.entry().writeByte(CLOCK).writeVarLong(clock);
    sums.forEach((campaignId, family, dimension, counts) -> CountsCodec.write(chunks.entry().writeByte(AGGREGATE)
        .writeString(campaignId).writeByte(family.code()).writeString(dimension), counts));
    net.forEach((campaignId, hours) -> hours.forEach((hour, counts) -> CountsCodec.write(chunks.entry()
        .writeByte(NET).writeString(campaignId).writeString(hour), counts)));
    subsidies.forEach((campaignId, changes) -> changes.forEach(c -> chunks.entry().writeByte(SUBSIDY)
        .writeString(campaignId).writeString(c.orderId()).writeVarLong(c.eventTime()).writeVarLong(c.grantedFen())
        .writeVarLong(c.pendingFen())));
    dirty = false;
    return chunks.finish();
  }

  /** Snapshot chunks being written: each starts with the format byte, and a full one is closed before an entry. */
  private static final class Chunks {
    private final List<byte[]> done = new ArrayList<>();
    private final int chunkBytes;
    private ByteWriter out;

    Chunks(int chunkBytes) {
      this.chunkBytes = chunkBytes;
      this.out = start();
    }

    /** The writer for the next entry. */
    ByteWriter entry() {
      if (out.size() >= chunkBytes) {
        done.add(out.toByteArray());
        out = start();
      }
      return out;
    }

    List<byte[]> finish() {
      done.add(out.toByteArray());
      return done;
    }

    private ByteWriter start() {
      return new ByteWriter(Math.min(chunkBytes, 64 * 1024)).writeByte(FORMAT_V2);
    }
  }

  /** The buffer a {@link #snapshot} wrote, from its chunks in order; empty when there are none. */
  static PendingChanges restore(List<byte[]> chunks) {
    PendingChanges p = new PendingChanges();
    for (byte[] chunk : chunks) {
      ByteReader in = new ByteReader(chunk);
      int format = in.readByte();
      if (format != FORMAT_V1 && format != FORMAT_V2) {
        throw new SerializationException("not a pending-changes v1 or v2 snapshot (" + chunk.length + " bytes)");
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
            p.add(cell, CountsCodec.read(in));
          }
          case AGGREGATE -> {
            String campaignId = in.readString();
            int code = in.readByte();
            String dimension = in.readString();
            if (campaignId == null || dimension == null || code < 0) {
              throw in.corrupt("aggregate without campaign, family or dimension");
            }
            Family family;
            try {
              family = Family.ofCode((char) code);
            } catch (IllegalArgumentException e) {
              throw in.corrupt(e.getMessage());
            }
            p.sums.campaign(campaignId).accept(family, dimension, CountsCodec.read(in));
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
