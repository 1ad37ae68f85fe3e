package io.campaignpulse.streams.alerts;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal binary format of a {@link BudgetLedger} for its store and changelog: a format byte, the budget,
 * spending and counters, the thresholds with their arming and crossing counts, then the burn window and the
 * campaign's start hour. A window
 * stored with another length than the settings' (the burn window setting changed) restarts empty.
 */
public final class BudgetLedgerSerde implements Serde<BudgetLedger> {

  private static final byte FORMAT_V1 = 1;

  private final AlertSettings settings;

  public BudgetLedgerSerde(AlertSettings settings) {
    this.settings = settings;
  }

  @Override
  public Serializer<BudgetLedger> serializer() {
    return (topic, l) -> {
      if (l == null) {
        return null;
      }
      int[] thresholds = l.thresholds();
      boolean[] armed = l.armed();
      int[] crossings = l.crossings();
      BurnWindow burn = l.burn();
      long[] buckets = burn.buckets();
      ByteBuffer b = ByteBuffer.allocate(1 + 8 * 5 + 4 * 2 + 2 + 4 + thresholds.length * 9 + 4 + 16
          + buckets.length * 8);
      b.put(FORMAT_V1).putLong(l.budgetFen()).putLong(l.grantedFen()).putLong(l.pendingFen()).putLong(l.clock())
          .putLong(l.alerts())
          .put((byte) (l.exposureArmed() ? 1 : 0)).putInt(l.exposureCrossings())
          .put((byte) (l.forecastArmed() ? 1 : 0)).putInt(l.forecastCrossings())
          .putInt(thresholds.length);
      for (int i = 0; i < thresholds.length; i++) {
        b.putInt(thresholds[i]).put((byte) (armed[i] ? 1 : 0)).putInt(crossings[i]);
      }
      b.putInt(buckets.length).putLong(burn.newestHour()).putLong(l.startHour());
      for (long fen : buckets) {
        b.putLong(fen);
      }
      return b.array();
    };
  }

  @Override
  public Deserializer<BudgetLedger> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < 1 || bytes[0] != FORMAT_V1) {
        throw new SerializationException("not a BudgetLedger v1 record (" + bytes.length + " bytes)");
      }
      try {
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long budget = b.getLong();
        long granted = b.getLong();
        long pending = b.getLong();
        long clock = b.getLong();
        long alerts = b.getLong();
        boolean exposureArmed = b.get() == 1;
        int exposureCrossings = b.getInt();
        boolean forecastArmed = b.get() == 1;
        int forecastCrossings = b.getInt();
        int n = b.getInt();
        int[] thresholds = new int[n];
        boolean[] armed = new boolean[n];
        int[] crossings = new int[n];
        for (int i = 0; i < n; i++) {
          thresholds[i] = b.getInt();
          armed[i] = b.get() == 1;
          crossings[i] = b.getInt();
        }
        int hours = b.getInt();
        long newestHour = b.getLong();
        long startHour = b.getLong();
        long[] buckets = new long[hours];
        for (int i = 0; i < hours; i++) {
          buckets[i] = b.getLong();
        }
        BurnWindow burn = hours == settings.burnWindowHours() ? new BurnWindow(buckets, newestHour)
            : new BurnWindow(settings.burnWindowHours());
        return new BudgetLedger(budget, thresholds, armed, crossings, exposureArmed, exposureCrossings,
            forecastArmed, forecastCrossings, granted, pending, clock, alerts, startHour, burn);
      } catch (RuntimeException e) {
        throw new SerializationException("corrupt BudgetLedger record (" + bytes.length + " bytes)", e);
      }
    };
  }
}
