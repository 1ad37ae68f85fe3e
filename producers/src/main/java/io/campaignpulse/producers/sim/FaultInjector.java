package io.campaignpulse.producers.sim;

import io.campaignpulse.producers.sim.SimEvent.Fault;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Schedules genuine events for sending, injecting the configured {@link Faults}: a duplicate copy, a
 * delay (late), holding an order version back until after its successor (out of order), or an extra
 * malformed record. Uses its own random stream, so the genuine events and the ground truth do not depend
 * on the fault rates.
 */
final class FaultInjector {

  /** An event as generated, with its event time as timestamp, and its meaning for the ground truth. */
  record Genuine(SimEvent event, TruthTracker.Intent intent) {
  }

  private final Faults faults;
  private final SplittableRandom rnd;

  FaultInjector(Faults faults, long seed) {
    this.faults = faults;
    this.rnd = Rngs.forName(seed, "faults");
  }

  /** Schedules the versions of one order, given in version order. */
  void scheduleOrder(List<Genuine> versions, EventQueue queue) {
    int n = versions.size();
    Fault[] fault = new Fault[n];
    long[] send = new long[n];
    for (int i = 0; i < n; i++) {
      fault[i] = draw(i < n - 1);
      send[i] = versions.get(i).event().timestampMs() + (fault[i] == Fault.LATE ? lateDelayMs() : 0);
    }
    for (int i = n - 2; i >= 0; i--) {
      if (fault[i] == Fault.OUT_OF_ORDER) {
        send[i] = Math.max(send[i], send[i + 1] + 1);
      }
    }
    for (int i = 0; i < n; i++) {
      emit(versions.get(i), fault[i], send[i], queue);
    }
  }

  /** Schedules a fair visit or sale. */
  void schedule(Genuine genuine, EventQueue queue) {
    Fault fault = draw(false);
    long send = genuine.event().timestampMs() + (fault == Fault.LATE ? lateDelayMs() : 0);
    emit(genuine, fault, send, queue);
  }

  private Fault draw(boolean hasSuccessor) {
    if (!faults.any()) {
      return Fault.NONE;
    }
    double u = rnd.nextDouble();
    if (u < faults.duplicateRate()) {
      return Fault.DUPLICATE;
    }
    u -= faults.duplicateRate();
    if (u < faults.lateRate()) {
      return Fault.LATE;
    }
    u -= faults.lateRate();
    return hasSuccessor && u < faults.outOfOrderRate() ? Fault.OUT_OF_ORDER : Fault.NONE;
  }

  private void emit(Genuine genuine, Fault fault, long send, EventQueue queue) {
    SimEvent event = genuine.event();
    queue.add(send, fault == Fault.LATE || fault == Fault.OUT_OF_ORDER ? event.as(fault) : event, genuine.intent());
    if (fault == Fault.DUPLICATE) {
      queue.add(send, event.as(Fault.DUPLICATE), null);
    }
    if (faults.malformedRate() > 0 && rnd.nextDouble() < faults.malformedRate()) {
      long now = event.timestampMs();
      queue.add(now, SimEvent.malformed(event.stream(), event.key(), garbage(event), now), null);
    }
  }

  private long lateDelayMs() {
    return Math.round(Rngs.logUniform(rnd, 1, faults.maxLateHours()) * SeasonCalendar.HOUR_MS);
  }

  /** Bytes a consumer cannot decode: random bytes, a truncated JSON text, or an unknown schema id. */
  private byte[] garbage(SimEvent event) {
    switch (rnd.nextInt(3)) {
      case 0 -> {
        byte[] bytes = new byte[4 + rnd.nextInt(37)];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) rnd.nextInt(256);
        }
        bytes[0] = (byte) (1 + rnd.nextInt(255));
        return bytes;
      }
      case 1 -> {
        byte[] json = String.valueOf(event.value()).getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(json, 1 + rnd.nextInt(Math.max(1, json.length - 1)));
      }
      default -> {
        byte[] bytes = new byte[5 + rnd.nextInt(9)];
        bytes[1] = 0x7f;
        bytes[2] = (byte) 0xff;
        bytes[3] = (byte) 0xff;
        bytes[4] = (byte) 0xff;
        for (int i = 5; i < bytes.length; i++) {
          bytes[i] = (byte) rnd.nextInt(256);
        }
        return bytes;
      }
    }
  }
}
