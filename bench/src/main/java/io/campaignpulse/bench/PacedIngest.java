package io.campaignpulse.bench;

import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.producers.kafka.Pacer;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The ingest the queries run against: a background thread sends the orders of a workload at a fixed rate (the
 * project's producer settings), each stamped with its send time, until stopped or out of orders. {@link #sent()}
 * can be read at any time, so the benchmark can say what rate was actually achieved in each query phase.
 */
final class PacedIngest implements AutoCloseable {

  private final Properties producerProperties;
  private final String topic;
  private final OrderWorkload orders;
  private final Serializer<? super TradeInOrder> serializer;
  private final int rate;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread thread = new Thread(this::send, "qbench-ingest");

  PacedIngest(Properties producerProperties, String topic, OrderWorkload orders,
      Serializer<? super TradeInOrder> serializer, int rate) {
    this.producerProperties = producerProperties;
    this.topic = topic;
    this.orders = orders;
    this.serializer = serializer;
    this.rate = rate;
    thread.setDaemon(true);
  }

  PacedIngest start() {
    thread.start();
    return this;
  }

  /** Orders handed to the producer so far. */
  long sent() {
    return sent.get();
  }

  /** Whether it sent every order of its workload (and so stopped on its own). */
  boolean exhausted() {
    return sent.get() == orders.size();
  }

  private void send() {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties)) {
      producer.partitionsFor(topic);
      Pacer pacer = Pacer.rate(rate);
      for (int i = 0; i < orders.size() && !stop.get() && failure.get() == null; i++) {
        pacer.await(0);
        long now = System.currentTimeMillis();
        TradeInOrder order = orders.order(i, now);
        producer.send(new ProducerRecord<>(topic, null, now, order.getOrderId(), serializer.serialize(topic, order)),
            (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
              } else {
                failure.compareAndSet(null, error);
              }
            });
        sent.incrementAndGet();
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Stops sending, waits until every order sent is acknowledged; fails when one was lost. */
  @Override
  public void close() {
    stop.set(true);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while the ingest stopped", e);
    }
    if (thread.isAlive()) {
      thread.interrupt();
      throw new BenchException("the ingest producer did not stop within 60 s");
    }
    if (failure.get() != null || acked.get() != sent.get()) {
      throw new BenchException("the ingest lost orders: " + acked.get() + " of " + sent.get() + " acknowledged",
          failure.get());
    }
  }
}
