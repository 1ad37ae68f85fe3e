package io.campaignpulse.producers.sim;

import java.util.PriorityQueue;

/**
 * The events generated but not yet emitted, ordered by the instant they are to be sent, then by the
 * order they were scheduled in. Usually the send time is the event time; a fault may delay it.
 */
final class EventQueue {

  /** An event to send at {@code sendMs}, with what it means for the ground truth (null: nothing). */
  record Entry(long sendMs, long seq, SimEvent event, TruthTracker.Intent intent) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      return sendMs != o.sendMs ? Long.compare(sendMs, o.sendMs) : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long seq;

  void add(long sendMs, SimEvent event, TruthTracker.Intent intent) {
    queue.add(new Entry(sendMs, seq++, event, intent));
  }

  Entry peek() {
    return queue.peek();
  }

  Entry poll() {
    return queue.poll();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }
}
