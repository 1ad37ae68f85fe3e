package io.campaignpulse.app.alerts;

import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.contract.Money;
import io.campaignpulse.contract.Topic;
import io.campaignpulse.registry.SchemaRegistryException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every {@link BudgetAlert} of the {@code budget-alerts} topic to a webhook ({@code --alert-webhook URL}),
 * one JSON POST per alert (see {@link WebhookClient}), from a consumer group of its own on its own thread, so a slow
 * or dead webhook never holds up the streams topology.
 *
 * <p><b>Delivery.</b> Records are handled one at a time in partition order, read with {@code read_committed}. An
 * alert's offset is committed only once the alert is settled: delivered (2xx), rejected, or undecodable. A webhook
 * that is down (no answer, 408, 429, 5xx) gets the same alert again after a {@link Backoff} wait, forever: nothing
 * behind it in its partition is sent meanwhile, and when the notifier is closed mid-retry the alert stays
 * uncommitted and is sent first at the next start. Delivery is at least once (a crash between the 2xx and the
 * commit sends the alert again); the {@code Idempotency-Key} header, the alert's id, lets the receiver drop repeats.
 * A registry that cannot be reached is retried the same way: it says nothing about the record.
 *
 * <p><b>What is skipped.</b> An alert the receiver refuses for good (any other 4xx, or an unexpected 1xx/3xx) is
 * logged at ERROR with the status and the start of the response body, counted in {@link #rejected()} and committed:
 * retrying cannot change the answer. Bytes that are not a decodable alert (not the wire format, unknown schema id,
 * corrupt Avro, a tombstone) are logged at ERROR with partition and offset, counted in {@link #undecodable()} and
 * committed. Neither is lost: {@code budget-alerts} stays the source of truth and can be re-read from those offsets.
 *
 * <p><b>Waiting without leaving the group.</b> Between attempts the thread pauses every assigned partition and
 * waits inside {@code poll(wait)}: a poll of paused partitions returns no records, keeps the consumer within
 * {@code max.poll.interval.ms} however long the webhook stays down (so the group does not rebalance it away), is
 * woken at once by {@link #close()} and lets rebalances run. Partitions assigned during the wait are paused too; if
 * the partition of the pending alert is revoked meanwhile, the notifier drops it (uncommitted) for its new owner.
 */
public final class WebhookNotifier implements AutoCloseable {

  public static final String DEFAULT_GROUP_ID = "campaign-pulse-alert-webhook";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  /** How one record was settled, or that it was not. */
  private enum Outcome { SETTLED, RETRY }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Deserializer<BudgetAlert> values;
  private final WebhookClient webhook;
  private final Backoff backoff;
  private final Thread thread;
  /** Partitions revoked since the last main poll returned: what is left of the batch for them belongs to another owner. */
  private final Set<TopicPartition> revoked = new HashSet<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private volatile boolean closing;
  private volatile boolean started;
  private volatile Throwable failure;
  private boolean waiting;

  /**
   * A notifier, not started yet.
   *
   * @param consumerProps Kafka consumer settings ({@code bootstrap.servers}, security, optionally {@code group.id},
   *                      default {@value #DEFAULT_GROUP_ID}); commits, isolation and deserializers are its own
   * @param topic         the budget-alerts topic with its value serde
   * @param url           the webhook
   * @param backoff       the wait between attempts of one alert
   */
  public WebhookNotifier(Properties consumerProps, Topic<String, BudgetAlert> topic, URI url, Backoff backoff) {
    this.topic = topic.name();
    this.values = topic.valueSerde().deserializer();
    this.webhook = new WebhookClient(url);
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.consumer = new KafkaConsumer<>(consumerConfig(consumerProps), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "alert-webhook");
  }

  /** A notifier with the {@link Backoff#defaults() default backoff}, not started yet. */
  public static WebhookNotifier create(Properties consumerProps, Topic<String, BudgetAlert> topic, URI url) {
    return new WebhookNotifier(consumerProps, topic, url, Backoff.defaults());
  }

  static Properties consumerConfig(Properties given) {
    Properties props = new Properties();
    props.putAll(given);
    props.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, DEFAULT_GROUP_ID);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  /** Starts the notifier thread. */
  public synchronized void start() {
    if (started || closing) {
      throw new IllegalStateException("a notifier starts once");
    }
    started = true;
    LOG.info("alert webhook: sending {} to {}", topic, webhook.url());
    thread.start();
  }

  /**
   * Stops promptly (a wait between attempts ends at once; an HTTP request in flight finishes first, at most its
   * timeout) and closes the consumer. An alert not yet settled stays uncommitted and is sent at the next start.
   */
  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      closing = true;
    }
    if (!started) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    thread.join();
  }

  public long delivered() {
    return delivered.get();
  }

  /** Failed attempts, each followed by a wait and another attempt. */
  public long retries() {
    return retries.get();
  }

  public long rejected() {
    return rejected.get();
  }

  public long undecodable() {
    return undecodable.get();
  }

  /** Whether the thread runs (started, not closed, not failed). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** What stopped the thread when something other than {@link #close()} did (e.g. the broker refused access). */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (!closing) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        revoked.clear(); // what this poll returned is for the assignment as it now is
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (closing) {
            break;
          }
          if (!revoked.contains(partition(record))) {
            deliver(record);
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (InterruptedException e) {
      closing = true; // nobody but close() should stop us; clear the flag so the consumer can close cleanly
      Thread.interrupted();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("alert webhook stopped: {}", e.toString(), e);
    } finally {
      consumer.close();
      LOG.info("alert webhook stopped: {} delivered, {} retries, {} rejected, {} undecodable", delivered(), retries(),
          rejected(), undecodable());
    }
  }

  /** Attempts the record until it is settled (then commits it), the notifier closes or its partition goes. */
  private void deliver(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    TopicPartition partition = partition(record);
    try {
      for (int attempt = 1; !closing; attempt++) {
        if (attempt(record, attempt) == Outcome.SETTLED) {
          commit(record);
          return;
        }
        retries.incrementAndGet();
        waitBeforeRetry(backoff.delay(attempt));
        if (revoked.contains(partition)) {
          LOG.info("alert webhook: {} was revoked while retrying offset {}; its new owner sends it", partition,
              record.offset());
          return;
        }
      }
    } finally {
      if (waiting) {
        waiting = false;
        consumer.resume(consumer.assignment());
      }
    }
  }

  private Outcome attempt(ConsumerRecord<byte[], byte[]> record, int attempt) throws InterruptedException {
    BudgetAlert alert;
    try {
      alert = values.deserialize(record.topic(), record.headers(), record.value());
    } catch (RetriableException | SchemaRegistryException e) {
      LOG.warn("alert webhook: cannot decode {}-{}@{} yet (attempt {}): {}", record.topic(), record.partition(),
          record.offset(), attempt, e.toString());
      return Outcome.RETRY;
    } catch (RuntimeException e) {
      LOG.error("alert webhook: skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
      undecodable.incrementAndGet();
      return Outcome.SETTLED;
    }
    if (alert == null) {
      LOG.error("alert webhook: skipping tombstone {}-{}@{}", record.topic(), record.partition(), record.offset());
      undecodable.incrementAndGet();
      return Outcome.SETTLED;
    }
    WebhookClient.Result result = webhook.post(alert);
    switch (result.verdict()) {
      case DELIVERED -> {
        delivered.incrementAndGet();
        LOG.info("budget alert sent: campaign {} {} {}% subsidy ¥{} of budget ¥{} (alert {}, {})",
            alert.getCampaignId(), alert.getKind(), alert.getThresholdPercent(), Money.yuan(alert.getSubsidyFen()),
            Money.yuan(alert.getBudgetFen()), alert.getAlertId(), result.detail());
        return Outcome.SETTLED;
      }
      case REJECTED -> {
        rejected.incrementAndGet();
        LOG.error("budget alert {} of campaign {} rejected by the webhook, not retried: {} ({}-{}@{})",
            alert.getAlertId(), alert.getCampaignId(), result.detail(), record.topic(), record.partition(),
            record.offset());
        return Outcome.SETTLED;
      }
      default -> {
        LOG.warn("budget alert {} of campaign {}: attempt {} failed: {}; retrying", alert.getAlertId(),
            alert.getCampaignId(), attempt, result.detail());
        return Outcome.RETRY;
      }
    }
  }

  /**
   * Waits inside poll with every partition paused (see the class comment). Records a poll returns anyway (none
   * are expected) are rewound, so the position never moves past an alert that was not handled.
   */
  private void waitBeforeRetry(Duration wait) {
    waiting = true;
    consumer.pause(consumer.assignment());
    long deadline = System.nanoTime() + wait.toNanos();
    long left;
    while (!closing && (left = deadline - System.nanoTime()) > 0) {
      ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ofNanos(left));
      for (TopicPartition partition : unexpected.partitions()) {
        consumer.seek(partition, unexpected.records(partition).get(0).offset());
      }
      consumer.pause(consumer.assignment());
    }
  }

  private void commit(ConsumerRecord<byte[], byte[]> record) {
    Map<TopicPartition, OffsetAndMetadata> offset =
        Map.of(partition(record), new OffsetAndMetadata(record.offset() + 1));
    try {
      try {
        consumer.commitSync(offset, COMMIT_TIMEOUT);
      } catch (WakeupException e) {
        consumer.commitSync(offset, COMMIT_TIMEOUT); // close() came during the attempt: keep what was settled
      }
    } catch (KafkaException e) {
      LOG.warn("alert webhook: commit of {}@{} failed ({}); the alert may be sent again after a restart",
          partition(record), record.offset(), e.getMessage());
    }
  }

  private static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  /** Runs inside poll, on the notifier thread. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      revoked.addAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (waiting) {
        consumer.pause(partitions);
      }
    }
  }
}
