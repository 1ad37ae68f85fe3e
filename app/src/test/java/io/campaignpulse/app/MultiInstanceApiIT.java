package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.api.ApiServer;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.RandomEvents;
import io.campaignpulse.streams.ReferenceModel;
import io.campaignpulse.streams.aggregate.Family;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the app on one real broker share the campaign partitions, each with a standby copy of the
 * other's. Every instance answers every campaign, and the lists, equal to the reference model; while one instance
 * cannot be reached the other answers its campaigns from the standby copies, marked stale; once it has left, the
 * survivor runs everything and answers fresh again.
 */
class MultiInstanceApiIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration GRACE = Duration.ofDays(3650);
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path temp;

  /**
   * The random events with their orders spread over 12 campaigns (each order keeps one mapping for all its
   * versions; a repeated event may be the same object, changed once).
   */
  private static List<Object> spread(List<Object> events) {
    Set<Object> changed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Object event : events) {
      if (event instanceof TradeInOrder o && changed.add(o)) {
        o.setCampaignId(o.getCampaignId() + "-" + Math.floorMod(o.getOrderId().hashCode(), 4));
      }
    }
    return events;
  }

  private static Campaign campaign(String id) {
    return Campaign.newBuilder().setCampaignId(id).setName("以旧换新 " + id).setKind(CampaignKind.TRADE_IN)
        .setRegion("川汇区").setStartTime(Instant.parse("2024-01-01T00:00:00Z"))
        .setEndTime(Instant.parse("2024-12-31T00:00:00Z")).setSubsidyBudgetFen(50_000_000L).build();
  }

  @Test
  void everyInstanceAnswersEveryCampaignAndAStandbyAnswersWhileItsOwnerIsAway() throws Exception {
    try (LivePipeline pipeline = LivePipeline.start(temp, "multi-instance-test",
        c -> c.withAnalytics(ZoneId.of("Asia/Shanghai"), GRACE).withStandbyReplicas(1))) {
      PipelineService a = pipeline.service;
      PipelineService b = pipeline.startInstance(temp.resolve("state-b"));
      try {
        // Given both instances run, and the events of 15 campaigns
        ReferenceModel reference = new ReferenceModel(ZoneId.of("Asia/Shanghai"), GRACE);
        AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
        values.configure(pipeline.config.serdeConfig(), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
            pipeline.config.producerProperties("multi-instance-producer"), new StringSerializer(), values)) {
          for (int c = 0; c < 3; c++) {
            for (int s = 0; s < 4; s++) {
              String id = "C-" + c + "-" + s;
              producer.send(new ProducerRecord<>(pipeline.topics().campaigns(), id, campaign(id)));
            }
          }
          for (Object event : spread(new java.util.ArrayList<>(RandomEvents.generate(new Random(29), 1_500)))) {
            pipeline.send(producer, event, reference);
          }
          producer.flush();
        }
        Map<String, ReferenceModel.Totals> expected = reference.totals();
        assertThat(pipeline.publishedTotalsUntil(expected, TIMEOUT)).isEqualTo(expected);
        Map<String, HostInfo> owners = owners(a, expected.keySet());
        assertThat(new HashSet<>(owners.values())).as("both instances own campaigns").hasSize(2);

        // Then each instance answers every campaign and the list with the reference model's numbers
        for (PipelineService instance : List.of(a, b)) {
          await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(campaignsOf(pipeline, instance, false)).isEqualTo(expected);
            for (String id : expected.keySet()) {
              assertThat(campaign(pipeline, instance, id, false)).as(id).isEqualTo(expected.get(id));
            }
          });
        }

        // When B cannot be reached (its API is gone, Kafka Streams still places its partitions there)
        HostInfo hostOfB = new HostInfo("127.0.0.1", b.httpPort());
        b.api().close();

        // Then A answers B's campaigns from its standby copies, marked stale, and its own fresh
        await().atMost(TIMEOUT).untilAsserted(() -> {
          for (String id : expected.keySet()) {
            assertThat(campaign(pipeline, a, id, hostOfB.equals(owners.get(id)))).as(id).isEqualTo(expected.get(id));
          }
          assertThat(campaignsOf(pipeline, a, true)).isEqualTo(expected);
        });

        // When B leaves the group, A takes its partitions over and answers everything fresh again
        b.close();
        await().atMost(TIMEOUT).untilAsserted(() -> {
          assertThat(new HashSet<>(owners(a, expected.keySet()).values())).hasSize(1);
          assertThat(campaignsOf(pipeline, a, false)).isEqualTo(expected);
          for (String id : expected.keySet()) {
            assertThat(campaign(pipeline, a, id, false)).as(id).isEqualTo(expected.get(id));
          }
        });
      } finally {
        b.close();
      }
    }
  }

  /** Which instance Kafka Streams places each campaign's partition on, as A sees it. */
  private static Map<String, HostInfo> owners(PipelineService instance, Set<String> campaigns) {
    Map<String, HostInfo> owners = new TreeMap<>();
    for (String id : campaigns) {
      KeyQueryMetadata where = instance.streams().kafkaStreams()
          .queryMetadataForKey(Family.CAMPAIGN_TOTAL.storeName(), id, new StringSerializer());
      owners.put(id, where.activeHost());
    }
    return owners;
  }

  /** One campaign's totals as an instance answers them; asserts the answer is (or is not) marked stale. */
  private ReferenceModel.Totals campaign(LivePipeline pipeline, PipelineService instance, String id, boolean stale)
      throws Exception {
    HttpResponse<String> response = pipeline.get(instance, "/api/campaigns/" + id);
    assertThat(response.statusCode()).as(id + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue(ApiServer.STALE).isPresent()).as(id + " stale").isEqualTo(stale);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("stale").asBoolean(false)).isEqualTo(stale);
    return LivePipeline.totals(body);
  }

  /** The list of campaigns with counted events as an instance answers it, in the reference model's terms. */
  private Map<String, ReferenceModel.Totals> campaignsOf(LivePipeline pipeline, PipelineService instance,
      boolean stale) throws Exception {
    HttpResponse<String> response = pipeline.get(instance, "/api/campaigns");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue(ApiServer.STALE).isPresent()).isEqualTo(stale);
    Map<String, ReferenceModel.Totals> result = new TreeMap<>();
    for (JsonNode c : json.readTree(response.body())) {
      if (c.get("lastEventTime").isTextual()) { // a campaign that is defined but has counted nothing is left out
        result.put(c.get("campaignId").asText(), LivePipeline.totals(c));
      }
    }
    return result;
  }
}
