package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.TopicNames;
import io.campaignpulse.embedded.LocalSchemaRegistry;
import io.campaignpulse.embedded.RegistryStorage;
import io.campaignpulse.registry.HttpSchemaRegistryClient;
import io.campaignpulse.registry.SchemaRegistryClient;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.serde.WireFormat;
import io.campaignpulse.streams.Events;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure drill of a schema registry that crashes mid-stream. The registry keeps its schemas on KafkaSQL, on the
 * pipeline's own broker, and is killed with SIGKILL while events flow:
 *
 * <ul>
 *   <li>while it is down, a producer that has its schema ids cached keeps sending, and the app, which has them
 *       cached too (decoding the inputs, encoding its totals), keeps counting: the totals reach the reference model
 *       exactly with the registry still down, and nothing had to wait for it;
 *   <li>a producer that registered a new version of the orders schema before the crash sends with that id, amid
 *       events with cached ids, while the registry is down: the app has never seen the id and cannot look it up. It
 *       waits for the registry: no dead letter, no failed stream thread. The registry stays away longer than the
 *       10 s transaction timeout, so the broker aborts the transaction the wait held open;
 *   <li>the registry restarts on its storage, on the same port: every id from before the crash means the same
 *       schema (read by a client without a cache), a new version registers under a new id, and its orders count;
 *   <li>the final totals equal the reference model exactly, nothing was dead-lettered, no stream thread failed, and
 *       the app is RUNNING.
 * </ul>
 */
class RegistryRestartIT {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryRestartIT.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration GRACE = Duration.ofDays(3650);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final int NEW_VERSION_ORDERS = 30;

  @TempDir
  Path temp;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void cachedSchemasKeepThePipelineGoingAndNewSchemasResumeAfterTheRegistryRestarts() throws Exception {
    List<Object> events = RandomEvents.generate(new Random(8), 900);
    int third = events.size() / 3;
    ReferenceModel reference = new ReferenceModel(ZONE, GRACE);
    try (TestCluster cluster = TestCluster.start();
        LocalSchemaRegistry registry = LocalSchemaRegistry.builder(temp.resolve("registry"))
            .storage(RegistryStorage.kafkaSql(cluster.bootstrapServers())).start()) {
      PulseConfig config = new PulseConfig(cluster.bootstrapServers(), registry.url(), TopicNames.defaults(), 3,
          (short) 1, "registry-restart-test", temp.resolve("state"), 100, 0, null).withAnalytics(ZONE, GRACE);
      try (PipelineService service = PipelineService.start(config, "127.0.0.1", 0);
          KafkaProducer<String, SpecificRecord> producer = avroProducer(config);
          KafkaProducer<String, byte[]> rawProducer = new KafkaProducer<>(config.producerProperties("raw-producer"),
              new StringSerializer(), new ByteArraySerializer());
          SchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url())) {
        KafkaStreams streams = service.streams().kafkaStreams();
        assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();

        // Given a first third of the events counted, with the registry up
        send(producer, config.topicNames(), events.subList(0, third), reference);
        awaitServed(service, reference.totals());
        // and a producer that registered a new version of the orders schema (a field added, with a default)
        String orders = config.topicNames().orders() + "-value";
        Schema withChannel = evolved(TradeInOrder.getClassSchema(), "channel", "online");
        int channelId = client.register(orders, withChannel);
        Map<Integer, Schema> before = new TreeMap<>(Map.of(channelId, withChannel));
        Map<String, Schema> current = Map.of(orders, TradeInOrder.getClassSchema(),
            config.topicNames().fairSales() + "-value", FairSale.getClassSchema(),
            config.topicNames().fairVisits() + "-value", FairVisit.getClassSchema(),
            config.topicNames().campaignTotals() + "-value", CampaignTotals.getClassSchema());
        current.forEach((subject, schema) -> before.put(client.lookup(subject, schema).id(), schema));
        double failedBefore = failedStreamThreads(streams);

        // When the registry crashes
        registry.kill();
        assertThat(reachable(registry.port())).isFalse();

        // Then producers and the app go on with their cached ids, decoding the inputs and encoding the totals:
        // the totals reach the reference model exactly while the registry is still down, and nothing waited for it
        send(producer, config.topicNames(), events.subList(third, 2 * third), reference);
        awaitServed(service, reference.totals());
        assertThat(registry.isRunning()).isFalse();
        assertThat(service.streams().metrics().registryWaits()).isZero();

        // When the producer of the new version sends orders with its id, which the app has never seen, amid events
        // with cached ids (so the id is met inside an open transaction)
        List<TradeInOrder> channelOrders = newOrders("CH-", NEW_VERSION_ORDERS, Events.T0.plusSeconds(3_600));
        List<Object> amid = events.subList(2 * third, 2 * third + third / 2);
        for (int i = 0; i < channelOrders.size(); i++) {
          send(producer, config.topicNames(), amid.subList(i * amid.size() / channelOrders.size(),
              (i + 1) * amid.size() / channelOrders.size()), reference);
          sendRaw(rawProducer, config.topicNames().orders(), channelId, withChannel, channelOrders.get(i), "online");
          reference.event(channelOrders.get(i));
        }
        // Then the app meets the id while the registry is down, and waits for it: no dead letter, no failed thread
        long outage = System.nanoTime();
        await().atMost(TIMEOUT).until(() -> service.streams().metrics().registryWaits() > 0);
        LOG.info("DRILL: the app met the unknown id {} ms after it was sent", (System.nanoTime() - outage) / 1_000_000);
        // (the registry stays away a while longer: with its restart, longer than the 10 s transaction timeout)
        Thread.sleep(5_000);
        assertThat(committedRecords(cluster, config.topicNames().deadLetters())).isZero();
        assertThat(failedStreamThreads(streams)).isEqualTo(failedBefore);
        assertThat(streams.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);

        // When the registry restarts on its storage
        long restart = System.nanoTime();
        registry.restart();
        LOG.info("DRILL: registry back in {} ms, on the same port", (System.nanoTime() - restart) / 1_000_000);

        // Then every id from before the crash means the same schema, read by a client without a cache
        try (SchemaRegistryClient fresh = new HttpSchemaRegistryClient(registry.url())) {
          for (Map.Entry<Integer, Schema> e : before.entrySet()) {
            assertThat(fresh.getById(e.getKey())).as("schema id %d", e.getKey()).isEqualTo(e.getValue());
          }
          // And a new version registers under a new id, and its orders count
          Schema withBooth = evolved(withChannel, "booth", "none");
          int boothId = fresh.register(orders, withBooth);
          assertThat(boothId).isNotIn(before.keySet());
          for (TradeInOrder o : newOrders("BO-", NEW_VERSION_ORDERS, Events.T0.plusSeconds(7_200))) {
            sendRaw(rawProducer, config.topicNames().orders(), boothId, withBooth, o, "booth-7");
            reference.event(o);
          }
        }
        send(producer, config.topicNames(), events.subList(2 * third + third / 2, events.size()), reference);

        // Then the totals equal the reference model exactly, nothing was dead-lettered, no stream thread failed, and
        // the app is RUNNING
        awaitServed(service, reference.totals());
        LOG.info("DRILL: exact totals {} ms after the registry was restarted; the app waited {} time(s)",
            (System.nanoTime() - restart) / 1_000_000, service.streams().metrics().registryWaits());
        assertThat(committedRecords(cluster, config.topicNames().deadLetters())).isZero();
        assertThat(service.streams().metrics().deadLetters()).isZero();
        assertThat(failedStreamThreads(streams)).isEqualTo(failedBefore);
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    }
  }

  private static KafkaProducer<String, SpecificRecord> avroProducer(PulseConfig config) {
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(config.serdeConfig(), false);
    return new KafkaProducer<>(config.producerProperties("cached-producer"), new StringSerializer(), values);
  }

  private static void send(KafkaProducer<String, SpecificRecord> producer, TopicNames topics, List<Object> events,
      ReferenceModel reference) {
    for (Object event : events) {
      LivePipeline.send(producer, topics, event);
      reference.event(event);
    }
    producer.flush();
  }

  /** New orders (one version each, approved) spread over the three campaigns of the random events. */
  private static List<TradeInOrder> newOrders(String prefix, int count, Instant from) {
    List<TradeInOrder> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      orders.add(Events.order(prefix + i, 1, "C-" + (i % 3), i % 4 == 0 ? OrderStatus.SUBMITTED : OrderStatus.APPROVED,
          10_000 + 137L * i, 1_000 + 13L * i, from.plusSeconds(60L * i)));
    }
    return orders;
  }

  /** The schema with one more string field, defaulting to {@code defaultValue}: a BACKWARD-compatible version. */
  private Schema evolved(Schema schema, String field, String defaultValue) throws IOException {
    ObjectNode node = (ObjectNode) json.readTree(schema.toString());
    ObjectNode added = ((ArrayNode) node.get("fields")).addObject();
    added.put("name", field).put("type", "string").put("default", defaultValue);
    return new Schema.Parser().parse(json.writeValueAsString(node));
  }

  /** Orders in the wire format under {@code schemaId}, written with {@code schema}: as another client would. */
  private static void sendRaw(KafkaProducer<String, byte[]> producer, String topic, int schemaId, Schema schema,
      TradeInOrder order, String extraValue) {
    producer.send(new ProducerRecord<>(topic, null, order.getEventTime().toEpochMilli(), order.getOrderId(),
        wireFormat(schemaId, schema, order, extraValue)));
    producer.flush();
  }

  private static byte[] wireFormat(int schemaId, Schema schema, TradeInOrder o, String extraValue) {
    GenericRecord record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Object value = TradeInOrder.getClassSchema().getField(field.name()) == null ? extraValue : o.get(field.name());
      if (value instanceof Enum<?> symbol) {
        value = new GenericData.EnumSymbol(field.schema(), symbol.name());
      } else if (value instanceof Instant time) {
        value = time.toEpochMilli();
      }
      record.put(field.name(), value);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(WireFormat.header(schemaId));
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitServed(PipelineService service, Map<String, ReferenceModel.Totals> expected) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() ->
            assertThat(LivePipeline.served(service.httpPort(), expected.keySet())).isEqualTo(expected));
  }

  /** The records on a topic that committed transactions wrote (aborted ones and markers are not counted). */
  private static long committedRecords(TestCluster cluster, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long count = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end " + end);
        }
        for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
          count++;
        }
      }
      return count;
    }
  }

  private static double failedStreamThreads(KafkaStreams streams) {
    return streams.metrics().entrySet().stream().filter(m -> m.getKey().name().equals("failed-stream-threads"))
        .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
  }

  private static boolean reachable(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
