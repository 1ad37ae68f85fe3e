package io.campaignpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.streams.query.AlertView;
import io.campaignpulse.streams.query.AsOfView;
import io.campaignpulse.streams.query.AnalyticsQueries;
import io.campaignpulse.streams.query.Bucket;
import io.campaignpulse.streams.query.CampaignView;
import io.campaignpulse.streams.query.FairView;
import io.campaignpulse.streams.query.SeriesYear;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three API instances on real HTTP servers sharing two store partitions, as Kafka Streams would place them: A runs
 * partition 0 and keeps a standby copy of 1, B runs 1 and keeps a standby of 0, C runs none. The stores are
 * stand-ins whose standby copies lag (they hold other numbers), so an answer shows which copy it came from. The
 * real stores and Kafka Streams' metadata are covered by the app's {@code MultiInstanceApiIT}.
 */
class ApiRoutingTest {

  private static final String TOKEN = "routing-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /** What each partition's active and standby copies hold, and which campaign lives where. */
  private final Map<String, Integer> partitionOf = Map.of("C-A", 0, "C-B", 1, "C-X", 1, "S-2023", 0, "S-2024", 1);
  private final Map<Integer, HostInfo> active = new HashMap<>();
  private final Map<Integer, Set<HostInfo>> standbys = new HashMap<>();
  private final List<ApiServer> servers = new ArrayList<>();
  private final List<HostInfo> hosts = new ArrayList<>();

  private static CampaignView campaign(String id, long orders) {
    return new CampaignView(id, "campaign " + id, "TRADE_IN", "district", null, orders, 0, orders * 100, orders * 100,
        0, 0, 0, 0, 0, null, null);
  }

  /** One copy of a partition: its campaigns, and the series years of those campaigns. */
  private record Copy(List<CampaignView> campaigns, List<SeriesYear> seriesParts, List<AlertView> alerts)
      implements AnalyticsQueries {

    @Override
    public List<AlertView> recentAlerts(int limit) {
      return alerts.stream().sorted(AlertView.NEWEST_FIRST).limit(limit).toList();
    }

    @Override
    public List<CampaignView> all() {
      return campaigns;
    }

    @Override
    public Optional<CampaignView> get(String campaignId) {
      return campaigns.stream().filter(c -> c.campaignId().equals(campaignId)).findFirst();
    }

    @Override
    public Optional<AsOfView> asOf(String campaignId, Instant asOf) {
      // the copy's orders, and the time asked for, to show the query string reached the owner
      return get(campaignId).map(c -> new AsOfView(campaignId, c.name(), asOf,
          asOf.truncatedTo(java.time.temporal.ChronoUnit.HOURS), null, true, c.orders(), 0, 0, 0, 0, 0, 0, 0, 0,
          null));
    }

    @Override
    public List<Bucket> daily(String campaignId, LocalDate from, LocalDate to) {
      // echoes the range, to show the query string reached the owner
      return List.of(new Bucket(campaignId + " " + from + ".." + to, 1, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Override
    public List<Bucket> hourly(String campaignId, LocalDateTime from, LocalDateTime to) {
      return List.of();
    }

    @Override
    public List<Bucket> categories(String campaignId) {
      return List.of();
    }

    @Override
    public List<Bucket> streets(String campaignId) {
      return List.of();
    }

    @Override
    public List<Bucket> topMerchants(String campaignId, int limit) {
      return List.of();
    }

    @Override
    public List<FairView> fairs(String campaignId) {
      return List.of();
    }

    @Override
    public List<Bucket> fairDaily(String campaignId, String fairId) {
      return List.of();
    }

    @Override
    public List<Bucket> fairHourly(String campaignId, String fairId) {
      return List.of();
    }

    @Override
    public List<AlertView> alerts(String campaignId) {
      return List.of();
    }

    @Override
    public List<SeriesYear> series(String series) {
      return seriesParts;
    }
  }

  private static AlertView alert(String campaignId, int threshold, String emittedAt) {
    return new AlertView(campaignId + ":THRESHOLD:" + threshold + ":1", campaignId, "THRESHOLD", threshold, 1,
        "ORDER", 0, 0, 0, Instant.parse(emittedAt), "O-1", Instant.parse(emittedAt), null);
  }

  private static final Map<Integer, Copy> ACTIVE_COPIES = Map.of(
      0, new Copy(List.of(campaign("C-A", 10)),
          List.of(new SeriesYear(2023, List.of("S-2023"), 1000, 5000, 0, 1, 0, null, null)),
          List.of(alert("C-A", 50, "2024-05-01T10:00:00Z"), alert("C-A", 80, "2024-05-03T10:00:00Z"))),
      1, new Copy(List.of(campaign("C-B", 20)),
          List.of(new SeriesYear(2024, List.of("S-2024"), 1484, 6000, 0, 1, 0, null, null)),
          List.of(alert("C-B", 50, "2024-05-02T10:00:00Z"), alert("C-B", 80, "2024-05-04T10:00:00.5Z"))));
  private static final Map<Integer, Copy> STANDBY_COPIES = Map.of(
      0, new Copy(List.of(campaign("C-A", 9)), List.of(), List.of()),
      1, new Copy(List.of(campaign("C-B", 19)), List.of(), List.of()));

  /** One instance's view of the shared placement, answering from the copies it holds. */
  private final class Instance implements QueryBackend {
    private final HostInfo self;

    Instance(HostInfo self) {
      this.self = self;
    }

    @Override
    public HostInfo self() {
      return self;
    }

    @Override
    public int partitions() {
      return 2;
    }

    @Override
    public Placement placement(String campaignId) {
      int p = partitionOf.get(campaignId);
      return new Placement(p, active.get(p), standbys.getOrDefault(p, Set.of()));
    }

    @Override
    public Set<HostInfo> instances() {
      return Set.copyOf(hosts); // as Kafka Streams' metadata: an instance stays listed until the group notices it left
    }

    @Override
    public Set<Integer> activePartitions() {
      Set<Integer> mine = new TreeSet<>();
      active.forEach((p, host) -> {
        if (host.equals(self)) {
          mine.add(p);
        }
      });
      return mine;
    }

    @Override
    public AnalyticsQueries partition(int partition, boolean stale) {
      if (self.equals(active.get(partition))) {
        return ACTIVE_COPIES.get(partition);
      }
      if (stale && standbys.getOrDefault(partition, Set.of()).contains(self)) {
        return STANDBY_COPIES.get(partition);
      }
      throw new InvalidStateStoreException("partition " + partition + " is not on " + self);
    }
  }

  /** Starts A, B and C and places the partitions: A runs 0 with a standby of 1, B runs 1 with a standby of 0. */
  private List<ApiServer> startThree(String token) {
    for (int i = 0; i < 3; i++) {
      servers.add(new ApiServer(new ApiServer.Options(token, null)).start("127.0.0.1", 0));
      hosts.add(new HostInfo("127.0.0.1", servers.get(i).port()));
    }
    HostInfo a = hosts.get(0);
    HostInfo b = hosts.get(1);
    active.put(0, a);
    active.put(1, b);
    standbys.put(0, Set.of(b));
    standbys.put(1, Set.of(a));
    for (int i = 0; i < 3; i++) {
      servers.get(i).attach(new Instance(hosts.get(i)), () -> "RUNNING");
    }
    return servers;
  }

  @AfterEach
  void stop() {
    servers.forEach(ApiServer::close);
  }

  private HttpResponse<String> get(ApiServer server, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void everyInstanceAnswersEveryCampaignFromTheActiveCopy() throws Exception {
    // Given three instances, the campaigns' partitions on A and B
    startThree(null);
    for (ApiServer server : servers) {
      // When any instance is asked for either campaign
      HttpResponse<String> a = get(server, "/api/campaigns/C-A");
      HttpResponse<String> b = get(server, "/api/campaigns/C-B");
      HttpResponse<String> daily = get(server, "/api/campaigns/C-B/daily?from=2024-05-01&to=2024-05-03");
      // Then the numbers are the active copies', never marked stale, and the query string reached the owner
      assertThat(a.statusCode()).isEqualTo(200);
      assertThat(body(a).get("orders").asLong()).isEqualTo(10);
      assertThat(body(b).get("orders").asLong()).isEqualTo(20);
      assertThat(body(a).has("stale")).isFalse();
      assertThat(a.headers().firstValue(ApiServer.STALE)).isEmpty();
      assertThat(body(daily).get(0).get("key").asText()).isEqualTo("C-B 2024-05-01..2024-05-03");
    }
  }

  @Test
  void anAsOfRequestTravelsWithItsQueryStringToTheOwnerAndFallsBackToAStaleStandby() throws Exception {
    startThree(null);
    // C runs no partition: the request is forwarded to B with the time as it was sent, encoded '+' included
    HttpResponse<String> fromC = get(servers.get(2), "/api/campaigns/C-B?asOf=2024-05-01T18:30:00%2B08:00");
    assertThat(fromC.statusCode()).isEqualTo(200);
    assertThat(body(fromC).get("requestedAsOf").asText()).isEqualTo("2024-05-01T10:30:00Z");
    assertThat(body(fromC).get("orders").asLong()).isEqualTo(20);
    assertThat(body(fromC).has("stale")).isFalse();
    // a bad time is refused where it arrives, before any forwarding
    HttpResponse<String> bad = get(servers.get(2), "/api/campaigns/C-B?asOf=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(body(bad).get("error").asText()).isEqualTo("bad_parameter");

    // B gone: A answers from its standby copy, marked stale; C, with no copy, says 503
    servers.get(1).close();
    HttpResponse<String> fromA = get(servers.get(0), "/api/campaigns/C-B?asOf=2024-05-01T10:30:00Z");
    assertThat(fromA.statusCode()).isEqualTo(200);
    assertThat(body(fromA).get("orders").asLong()).isEqualTo(19);
    assertThat(body(fromA).get("stale").asBoolean()).isTrue();
    assertThat(fromA.headers().firstValue(ApiServer.STALE)).hasValue("true");
    assertThat(get(servers.get(2), "/api/campaigns/C-B?asOf=2024-05-01T10:30:00Z").statusCode()).isEqualTo(503);
  }

  @Test
  void anUnknownCampaignIs404FromTheInstanceItWouldLiveOn() throws Exception {
    startThree(null);
    HttpResponse<String> response = get(servers.get(0), "/api/campaigns/C-X");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(body(response).get("error").asText()).isEqualTo("campaign_not_found");
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
  }

  @Test
  void listsAreGatheredFromEveryInstanceAndSeriesGrowthIsTakenOverTheWhole() throws Exception {
    startThree(null);
    for (ApiServer server : servers) {
      JsonNode campaigns = body(get(server, "/api/campaigns"));
      assertThat(campaigns.findValuesAsText("campaignId")).containsExactly("C-A", "C-B");
      assertThat(campaigns.get(1).get("orders").asLong()).isEqualTo(20);
      // 2023 lives on partition 0 and 2024 on partition 1: the growth needs both
      JsonNode years = body(get(server, "/api/series/AUTUMN%20MARKET"));
      assertThat(years.findValuesAsText("year")).containsExactly("2023", "2024");
      assertThat(years.get(1).get("visitorGrowthPercent").asText()).isEqualTo("48.4");
      assertThat(years.get(1).get("consumptionGrowthPercent").asText()).isEqualTo("20.0");
    }
  }

  @Test
  void theLatestAlertsOfEveryInstanceAreMergedNewestFirst() throws Exception {
    startThree(null);
    JsonNode alerts = body(get(servers.get(2), "/api/alerts?limit=3"));
    assertThat(alerts.findValuesAsText("alertId")).containsExactly("C-B:THRESHOLD:80:1", "C-A:THRESHOLD:80:1",
        "C-B:THRESHOLD:50:1");
    assertThat(get(servers.get(2), "/api/alerts?limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void whileTheOwnerCannotAnswerAStandbyCopyAnswersMarkedStale() throws Exception {
    // Given B, which runs partition 1, has gone (Kafka Streams has not reassigned its partition yet)
    startThree(null);
    servers.get(1).close();

    // When A, which keeps a standby copy of partition 1, is asked for C-B and for the list
    HttpResponse<String> one = get(servers.get(0), "/api/campaigns/C-B");
    HttpResponse<String> list = get(servers.get(0), "/api/campaigns");

    // Then the standby's numbers come back, marked stale in the header and on the object
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(body(one).get("orders").asLong()).isEqualTo(19);
    assertThat(body(one).get("stale").asBoolean()).isTrue();
    assertThat(one.headers().firstValue(ApiServer.STALE)).hasValue("true");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue(ApiServer.STALE)).hasValue("true");
    assertThat(body(list).findValuesAsText("orders")).containsExactly("10", "19");
    // and C, which has no copy of partition 1, says so with 503 rather than a list without C-B
    HttpResponse<String> fromC = get(servers.get(2), "/api/campaigns/C-B");
    HttpResponse<String> listFromC = get(servers.get(2), "/api/campaigns");
    assertThat(fromC.statusCode()).isEqualTo(503);
    assertThat(fromC.headers().firstValue("Retry-After")).isPresent();
    assertThat(body(fromC).get("error").asText()).isEqualTo("not_ready");
    assertThat(listFromC.statusCode()).isEqualTo(503);
    // a campaign whose owner is up is still answered fresh
    assertThat(body(get(servers.get(2), "/api/campaigns/C-A")).get("orders").asLong()).isEqualTo(10);
  }

  @Test
  void aForwardedRequestIsAnsweredWhereItArrivesOrNotAtAll() throws Exception {
    // Given C runs no partition; a request forwarded to it (stale placement at the sender) must not bounce on
    startThree(null);
    HttpResponse<String> response = get(servers.get(2), "/api/campaigns/C-A", Peers.FORWARDED, "1");
    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void theTokenTravelsWithForwardedRequests() throws Exception {
    startThree(TOKEN);
    assertThat(get(servers.get(2), "/api/campaigns/C-A").statusCode()).isEqualTo(401);
    HttpResponse<String> one = get(servers.get(2), "/api/campaigns/C-A", "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> list = get(servers.get(2), "/api/campaigns", "Authorization", "Bearer " + TOKEN);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(body(one).get("orders").asLong()).isEqualTo(10);
    assertThat(body(list).findValuesAsText("campaignId")).containsExactly("C-A", "C-B");
  }

  @Test
  void beforeTheStreamsAppIsAttachedQueriesAre503() throws Exception {
    ApiServer server = new ApiServer(ApiServer.Options.none()).start("127.0.0.1", 0);
    servers.add(server);
    HttpResponse<String> response = get(server, "/api/campaigns/C-A");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(get(server, "/ready").statusCode()).isEqualTo(503);
    assertThat(body(get(server, "/health")).get("streams").asText()).isEqualTo("STARTING");
  }
}
