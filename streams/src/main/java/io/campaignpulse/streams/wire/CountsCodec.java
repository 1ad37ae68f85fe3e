package io.campaignpulse.streams.wire;

import io.campaignpulse.streams.totals.CampaignCounts;

/**
 * {@link CampaignCounts} in compact form for batches and snapshots: a bit mask of the fields that are set (a count
 * that is not zero, a time that is not {@link CampaignCounts#NO_TIME}), then those fields as zig-zag varints. A
 * typical delta (an order, its amount and subsidy, no fair fields) takes about 10 bytes instead of 72.
 */
public final class CountsCodec {

  private static final int FIELDS = 9;

  private CountsCodec() {
  }

  public static void write(ByteWriter out, CampaignCounts c) {
    long[] f = fields(c);
    int mask = 0;
    for (int i = 0; i < FIELDS; i++) {
      if (f[i] != (i == FIELDS - 1 ? CampaignCounts.NO_TIME : 0)) {
        mask |= 1 << i;
      }
    }
    out.writeVarInt(mask);
    for (int i = 0; i < FIELDS; i++) {
      if ((mask & (1 << i)) != 0) {
        out.writeVarLong(f[i]);
      }
    }
  }

  public static CampaignCounts read(ByteReader in) {
    int mask = in.readVarInt();
    if (mask >= 1 << FIELDS) {
      throw in.corrupt("bad counts mask " + mask);
    }
    long[] f = new long[FIELDS];
    f[FIELDS - 1] = CampaignCounts.NO_TIME;
    for (int i = 0; i < FIELDS; i++) {
      if ((mask & (1 << i)) != 0) {
        f[i] = in.readVarLong();
      }
    }
    return new CampaignCounts(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
  }

  private static long[] fields(CampaignCounts c) {
    return new long[] {c.orders(), c.pendingOrders(), c.orderConsumptionFen(), c.subsidyFen(),
        c.pendingSubsidyFen(), c.fairSales(), c.fairSalesFen(), c.visitors(), c.lastEventTime()};
  }
}
