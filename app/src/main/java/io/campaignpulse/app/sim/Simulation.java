package io.campaignpulse.app.sim;

import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.producers.kafka.EventSender;
import io.campaignpulse.producers.kafka.Pacer;
import io.campaignpulse.producers.sim.CampaignSimulator;
import io.campaignpulse.producers.sim.GroundTruth;
import io.campaignpulse.producers.sim.Scenario;
import io.campaignpulse.producers.sim.SimEvent;
import io.campaignpulse.serde.AvroWireSerializer;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator playing a scenario into Kafka on a background thread, paced, until the scenario ends, a count
 * or event-time limit is reached, or it is closed. Closing flushes what was sent. The ground truth covers exactly
 * the events handed to the producer.
 */
public final class Simulation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

  /** What to play and how fast. */
  public record Plan(Scenario scenario, long seed, Pacer pacer, long maxEvents, Instant until) {
  }

  private final CampaignSimulator simulator;
  private final EventSender sender;
  private final AvroWireSerializer<SpecificRecord> values;
  private final Plan plan;
  private final Thread thread;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean stop;
  private volatile long handed;
  private volatile long lastEventTimeMs = Long.MIN_VALUE;
  private volatile Exception failure;

  private Simulation(PulseConfig config, Plan plan) {
    this.plan = plan;
    this.simulator = new CampaignSimulator(plan.scenario(), plan.seed());
    this.values = new AvroWireSerializer<>();
    values.configure(config.serdeConfig(), false);
    this.sender = new EventSender(new KafkaProducer<>(config.producerProperties("campaign-pulse-simulator")),
        values, config.topicNames());
    this.thread = new Thread(this::run, "campaign-pulse-simulator");
    thread.setDaemon(true);
  }

  public static Simulation start(PulseConfig config, Plan plan) {
    Simulation simulation = new Simulation(config, plan);
    simulation.thread.start();
    return simulation;
  }

  private void run() {
    try {
      Iterator<SimEvent> events = simulator.events();
      long untilMs = plan.until() == null ? Long.MAX_VALUE : plan.until().toEpochMilli();
      while (!stop && events.hasNext() && handed < plan.maxEvents()) {
        // look before taking: an event taken from the simulator counts in its ground truth
        if (simulator.peekTimestamp().orElse(Long.MIN_VALUE) >= untilMs) {
          break;
        }
        SimEvent event = events.next();
        plan.pacer().await(event.timestampMs());
        sender.send(event);
        lastEventTimeMs = Math.max(lastEventTimeMs, event.timestampMs());
        handed++;
      }
      sender.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (!stop) {
        failure = e;
        LOG.error("simulator stopped", e);
      }
    } finally {
      done.countDown();
    }
  }

  /** Waits until the run ends by itself; true when it has. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  public boolean isDone() {
    return done.getCount() == 0;
  }

  /** Events handed to the producer so far. */
  public long sent() {
    return handed;
  }

  /** The simulated clock: the latest event time sent so far, if any. */
  public java.util.Optional<Instant> simulatedTime() {
    long t = lastEventTimeMs;
    return t == Long.MIN_VALUE ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(t));
  }

  /** The scenario's time zone, for showing the simulated clock. */
  public java.time.ZoneId zone() {
    return plan.scenario().zone();
  }

  /** Events the broker acknowledged so far. */
  public long acknowledged() {
    return sender.acknowledged();
  }

  public Exception failure() {
    return failure;
  }

  /** The totals the pipeline must show for what was sent. */
  public GroundTruth groundTruth() {
    return simulator.groundTruth();
  }

  public String groundTruthTable() {
    return simulator.groundTruth().toString();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.interrupt();
    done.await(30, TimeUnit.SECONDS);
    try {
      sender.flush();
    } catch (RuntimeException e) {
      LOG.warn("simulator: {}", e.getMessage());
    } finally {
      sender.close();
      values.close(); // and with it the registry client
    }
    LOG.info("simulator sent {} events, {} acknowledged", handed, sender.acknowledged());
  }

  @Override
  public String toString() {
    return "simulator";
  }
}
