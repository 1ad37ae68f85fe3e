package io.campaignpulse.app.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignpulse.app.alerts.AlertJson;
import io.campaignpulse.avro.BudgetAlert;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.contract.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code /api/stream}: reads {@code campaign-totals} and {@code budget-alerts} from their end,
 * {@code read_committed} (only what the pipeline committed), without a consumer group (every API instance streams
 * every change), and hands each record to {@code publish} as a {@code totals} or {@code alert} event with a JSON
 * body. While no client listens, records are read past without being decoded. A record it cannot decode is logged
 * and skipped; the feed never stops the app.
 */
public final class LiveFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<CampaignTotals> totals;
  private final Deserializer<BudgetAlert> alerts;
  private final String totalsTopic;
  private final BiConsumer<String, String> publish;
  private final BooleanSupplier listening;
  private final Thread thread;

  private LiveFeed(Properties props, Topics topics, BiConsumer<String, String> publish, BooleanSupplier listening) {
    Properties p = new Properties();
    p.putAll(props);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.totals = topics.campaignTotals().valueSerde().deserializer();
    this.alerts = topics.budgetAlerts().valueSerde().deserializer();
    this.totalsTopic = topics.campaignTotals().name();
    this.publish = publish;
    this.listening = listening;
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(topics.campaignTotals().name(), topics.budgetAlerts().name())) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fix the start now: only changes from here on are streamed
    this.thread = new Thread(this::run, "live-feed");
    thread.setDaemon(true);
  }

  /**
   * Starts feeding {@code publish(event, json)} from the current end of the outputs, while {@code listening}
   * says a client is connected.
   */
  public static LiveFeed start(Properties props, Topics topics, BiConsumer<String, String> publish,
      BooleanSupplier listening) {
    LiveFeed feed = new LiveFeed(props, topics, publish, listening);
    feed.thread.start();
    return feed;
  }

  private void run() {
    try {
      while (true) {
        var records = consumer.poll(Duration.ofSeconds(1));
        if (records.isEmpty() || !listening.getAsBoolean()) {
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
          try {
            if (record.topic().equals(totalsTopic)) {
              publish.accept("totals", json(totals.deserialize(record.topic(), record.value())));
            } else {
              publish.accept("alert", AlertJson.toJson(alerts.deserialize(record.topic(), record.value()))
                  .toString());
            }
          } catch (RuntimeException e) {
            LOG.warn("live feed skips a record of {} at offset {}: {}", record.topic(), record.offset(),
                e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("live feed stopped; /api/stream sends nothing more until the app restarts", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Published totals as JSON: every field of the record, times as ISO-8601 UTC. */
  static String json(CampaignTotals t) {
    ObjectNode node = MAPPER.createObjectNode();
    for (Schema.Field f : t.getSchema().getFields()) {
      Object v = t.get(f.pos());
      if (v == null) {
        node.putNull(f.name());
      } else if (v instanceof Long l) {
        node.put(f.name(), l);
      } else if (v instanceof Integer i) {
        node.put(f.name(), i);
      } else if (v instanceof Instant instant) {
        node.put(f.name(), instant.toString());
      } else {
        node.put(f.name(), v.toString());
      }
    }
    return node.toString();
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
  }
}
