package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.registry.InMemorySchemaRegistry;
import io.campaignpulse.serde.AvroWireSerde;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The DSL peer of {@code bench streams --peer} counts by the same rules as the reference model. */
class DslPeerTopologyTest {

  private static final int EVENTS = 3_000;
  private static final int ORDERS = 1_050;

  @Test
  void totalsEqualTheReferenceModelUnderDuplicatesAndVersionsOutOfOrder() {
    long seed = 11;
    BenchCampaigns campaigns = BenchCampaigns.create(6, StreamsBenchmark.merchants(ORDERS),
        StreamsBenchmark.WORKLOAD_START, seed);
    OrderWorkload workload = OrderWorkload.generate(new OrderWorkload.Spec(EVENTS, ORDERS, 0.01, 0.03,
        StreamsBenchmark.WORKLOAD_START, 28, "TI", seed), campaigns);
    assertThat(workload.duplicates()).isPositive();
    assertThat(workload.outOfOrderOrders()).isPositive();

    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dsl-peer-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    StreamsReference reference = new StreamsReference();
    Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
    Map<String, StreamsReference.Figures> published = new TreeMap<>();
    try (AvroWireSerde<TradeInOrder> orders = new AvroWireSerde<>(TradeInOrder.class, registry);
         AvroWireSerde<CampaignTotals> totals = new AvroWireSerde<>(CampaignTotals.class, registry)) {
      orders.configure(Map.of(), false);
      totals.configure(Map.of(), false);
      try (TopologyTestDriver driver = new TopologyTestDriver(DslPeerTopology.build("in", "out", orders, totals),
          props)) {
        TestInputTopic<String, TradeInOrder> in = driver.createInputTopic("in", new StringSerializer(),
            orders.serializer());
        TestOutputTopic<String, CampaignTotals> out = driver.createOutputTopic("out", new StringDeserializer(),
            totals.deserializer());
        for (int s = 0; s < workload.size(); s++) {
          TradeInOrder order = workload.order(s);
          reference.order(order);
          statuses.add(order.getStatus());
          in.pipeInput(workload.key(s), order, Instant.ofEpochMilli(workload.eventTimeMs(s)));
        }
        out.readKeyValuesToMap().forEach((id, t) -> published.put(id, StreamsReference.Figures.of(t)));
      }
    }

    assertThat(statuses).as("the workload has every status, cancellations and refunds included")
        .containsAll(EnumSet.allOf(OrderStatus.class));
    assertThat(StreamsReference.differences(reference.totals(), published)).isEmpty();
    assertThat(published).hasSize(6);
  }
}
