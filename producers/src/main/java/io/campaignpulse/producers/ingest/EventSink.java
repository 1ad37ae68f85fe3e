package io.campaignpulse.producers.ingest;

import io.campaignpulse.producers.kafka.EventSender;
import io.campaignpulse.producers.sim.SimEvent;

/** Where valid events go: Kafka through the project's {@link EventSender}, or nowhere in a dry run. */
public interface EventSink extends AutoCloseable {

  /** Hands over one event (sending may complete later). */
  void send(SimEvent event);

  /** Waits until everything handed over is acknowledged; throws when any event could not be sent. */
  void flush();

  /** Events acknowledged so far. */
  long acknowledged();

  @Override
  void close();

  /** A sink that sends nothing and acknowledges nothing: validation only. */
  static EventSink discard() {
    return new EventSink() {
      @Override
      public void send(SimEvent event) {
      }

      @Override
      public void flush() {
      }

      @Override
      public long acknowledged() {
        return 0;
      }

      @Override
      public void close() {
      }

      @Override
      public String toString() {
        return "dry run";
      }
    };
  }

  /** Sends through {@code sender}: key = entity id, record timestamp = event time. Closing closes the sender. */
  static EventSink to(EventSender sender) {
    return new EventSink() {
      @Override
      public void send(SimEvent event) {
        sender.send(event);
      }

      @Override
      public void flush() {
        sender.flush();
      }

      @Override
      public long acknowledged() {
        return sender.acknowledged();
      }

      @Override
      public void close() {
        sender.close();
      }

      @Override
      public String toString() {
        return "event sender";
      }
    };
  }
}
