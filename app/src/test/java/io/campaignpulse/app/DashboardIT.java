package io.campaignpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.api.ApiServer;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.avro.Category;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.serde.AvroWireSerializer;
import io.campaignpulse.streams.changes.AnalyticsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.apache.avro.specific.SpecificRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium, driven by Selenium through Debian's chromedriver, against the
 * live pipeline on real parts: a campaign's card shows its exact consumption, changes to the new exact figure
 * when more orders are committed (through {@code /api/stream}, without reloading the page) and the alert they
 * raise appears in the live feed; the language toggle switches the labels and is remembered; with an API token
 * the page asks for it and then shows the numbers and streams with it. Screenshots go to
 * {@code app/target/dashboard/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "dashboard");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TRADE_IN = "TI-DASH-AUTO";
  private static final String FAIR = "CF-DASH-SPRING";
  private static final String TOKEN = "dash-board_Token~42";
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  static Path temp;

  private LivePipeline pipeline;
  private ChromeDriver browser;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Debian's chromium and chromium-driver must be installed (apt-get install chromium chromium-driver; "
            + ".ci/run does): need %s and %s", CHROMIUM, CHROMEDRIVER)
        .isTrue();
    Files.createDirectories(SCREENSHOTS);
    // a long grace period, so the orders of the last days are all in the daily series
    pipeline = LivePipeline.start(temp, "dashboard-test", Duration.ofDays(3650));
    try (KafkaProducer<String, SpecificRecord> producer = producer()) {
      producer.send(new ProducerRecord<>(pipeline.topics().campaigns(), TRADE_IN,
          campaign(TRADE_IN, "2025 汽车以旧换新", CampaignKind.TRADE_IN, 1_000_000)));
      producer.send(new ProducerRecord<>(pipeline.topics().campaigns(), FAIR,
          campaign(FAIR, "春季消费展", CampaignKind.CONSUMER_FAIR, 0)));
      producer.flush();
      // the definitions first, so the budget stage knows the budget when the orders come
      await().atMost(TIMEOUT).until(() -> campaignJson(TRADE_IN).path("budget").path("budgetFen").asLong()
          == 1_000_000 && !campaignJson(FAIR).path("name").isNull());

      send(producer, order("O-1", OrderStatus.APPROVED, 1_234_567, 300_000, Category.AUTO, "江汉路街道", 3));
      send(producer, order("O-2", OrderStatus.PAID, 765_432, 100_000, Category.HOME_APPLIANCE, "花桥街道", 2));
      send(producer, order("O-4", OrderStatus.SUBMITTED, 500_000, 50_000, Category.DIGITAL, null, 1));
      send(producer, FairVisit.newBuilder().setFairId("F-SPRING").setCampaignId(FAIR).setGateId("G-1")
          .setVisitors(1_200).setEventTime(NOW.minus(Duration.ofHours(5))).build());
      send(producer, FairVisit.newBuilder().setFairId("F-SPRING").setCampaignId(FAIR).setGateId("G-2")
          .setVisitors(834).setEventTime(NOW.minus(Duration.ofHours(5))).build());
      send(producer, sale("S-1", 128_800));
      send(producer, sale("S-2", 99_900));
      producer.flush();
    }
    await().atMost(TIMEOUT).until(() -> campaignJson(TRADE_IN).path("consumptionFen").asLong() == 1_999_999
        && campaignJson(TRADE_IN).path("pendingSubsidyFen").asLong() == 50_000
        && campaignJson(FAIR).path("visitors").asLong() == 2_034
        && campaignJson(FAIR).path("consumptionFen").asLong() == 228_700);
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @BeforeEach
  void openBrowser(TestInfo test) {
    // explicit browser and driver: Selenium Manager never looks for (or downloads) either; quitting the browser
    // stops its chromedriver, so each test has its own
    ChromeDriverService chromedriver = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .withLogFile(SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + "-chromedriver.log")
            .toFile())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage", "--window-size=1600,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(chromedriver, options);
  }

  @AfterEach
  void closeBrowser(TestInfo test) throws IOException {
    if (browser != null) {
      screenshot(test.getTestMethod().orElseThrow().getName() + "-end");
      for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
        System.out.println("browser console: " + entry); // in the failsafe report, for a failing run
      }
      browser.quit();
    }
  }

  @Test
  void cardsShowExactFiguresAndFollowNewOrdersWithoutReloading() throws Exception {
    // Given the dashboard showing the committed totals
    open(pipeline.service.httpPort());
    WebElement consumption = field(TRADE_IN, "consumption");
    waitForText(consumption, "¥19,999.99");
    assertThat(field(TRADE_IN, "subsidy").getText()).isEqualTo("¥4,000.00");
    assertThat(field(TRADE_IN, "orders").getText()).isEqualTo("2");
    assertThat(field(TRADE_IN, "budget-percent").getText()).isEqualTo("40.00%");
    assertThat(field(TRADE_IN, "budget-text").getText()).isEqualTo("¥4,000.00 / ¥10,000.00 · 待审 ¥500.00");
    assertThat(card(TRADE_IN).findElements(By.cssSelector(".tick-label"))).extracting(WebElement::getText)
        .containsExactly("50%", "80%", "90%", "100%");
    waitForText(field(FAIR, "consumption"), "¥2,287.00");
    assertThat(field(FAIR, "visitors").getText()).isEqualTo("2,034");
    assertThat(card(FAIR).findElement(By.cssSelector("[data-field='budget-text']")).getText()).isEqualTo("无补贴预算");
    // the first campaign is selected at first; a click selects another
    waitForText(By.cssSelector("#detail-name"), "春季消费展");
    waitForText(By.cssSelector("#fairs [data-fair='F-SPRING']"), "F-SPRING 2,034 2 ¥2,287.00 ¥1.12");
    card(TRADE_IN).click();
    waitForText(By.cssSelector("#detail-name"), "2025 汽车以旧换新");
    ((JavascriptExecutor) browser).executeScript("window.__dashboardMarker = 'loaded once';");
    awaitLive(pipeline.service);

    // When more orders are committed, one of them crossing 50% of the budget
    try (KafkaProducer<String, SpecificRecord> producer = producer()) {
      send(producer, order("O-3", OrderStatus.APPROVED, 5_000_001, 250_000, Category.AUTO, "江汉路街道", 0));
      producer.flush();
    }

    // Then the card shows the new exact figures, and the alert is in the live feed, on the same page
    waitForText(consumption, "¥70,000.00");
    waitForText(field(TRADE_IN, "budget-percent"), "65.00%");
    assertThat(field(TRADE_IN, "subsidy").getText()).isEqualTo("¥6,500.00");
    assertThat(field(TRADE_IN, "orders").getText()).isEqualTo("3");
    WebElement alert = new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#alert-feed [data-alert-id='" + TRADE_IN + ":THRESHOLD:50:1']")));
    assertThat(alert.getText()).contains("2025 汽车以旧换新").contains("预算使用达到 50%").contains("¥6,500.00");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__dashboardMarker;"))
        .as("the page was not reloaded").isEqualTo("loaded once");
    // the selected campaign's charts and lists follow too: the new order's day in the daily trend
    new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#campaign-alerts [data-alert-id='" + TRADE_IN + ":THRESHOLD:50:1']")));
    String today = order("O-3", OrderStatus.APPROVED, 0, 0, Category.AUTO, null, 0).getEventTime()
        .atZone(AnalyticsSettings.DEFAULT_ZONE).toLocalDate().toString();
    new WebDriverWait(browser, TIMEOUT).withMessage(() -> "the daily trend has no ¥50,000.01 on " + today)
        .until(page -> Double.valueOf(50_000.01).equals(((JavascriptExecutor) page).executeScript("""
            const option = echarts.getInstanceByDom(document.getElementById('chart-daily')).getOption();
            const day = option.xAxis[0].data.indexOf(arguments[0]);
            return day < 0 ? null : option.series[0].data[day];
            """, today)));
    screenshot("live-zh");
  }

  @Test
  void theLanguageToggleSwitchesTheLabelsAndIsRemembered() throws Exception {
    // Given the dashboard in its default language, Chinese
    open(pipeline.service.httpPort());
    WebElement label = card(TRADE_IN).findElement(By.cssSelector("[data-i18n='consumption']"));
    assertThat(label.getText()).isEqualTo("拉动消费");
    assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("消费活动实时看板");

    // When English is chosen
    browser.findElement(By.id("lang-en")).click();

    // Then the labels are English, the figures unchanged, and the choice survives a reload
    assertThat(label.getText()).isEqualTo("Consumption pulled");
    assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Campaign pulse");
    assertThat(field(TRADE_IN, "consumption-approx").getText()).isEmpty();
    waitForText(By.cssSelector("#detail h3[data-i18n='chart.daily']"), "Daily trend");
    screenshot("live-en");
    browser.navigate().refresh();
    waitForText(card(TRADE_IN).findElement(By.cssSelector("[data-i18n='subsidy']")), "Subsidy granted");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

    // And back to Chinese
    browser.findElement(By.id("lang-zh")).click();
    assertThat(card(TRADE_IN).findElement(By.cssSelector("[data-i18n='subsidy']")).getText()).isEqualTo("补贴发放");
  }

  @Test
  void withATokenThePageAsksForItThenShowsAndStreamsTheNumbers() throws Exception {
    // Given the app's API with a token, over the same running streams app
    try (ApiServer guarded = new ApiServer(pipeline.service.streams().queries(),
        () -> pipeline.service.streams().state().name(), new ApiServer.Options(TOKEN, null))
        .start("127.0.0.1", 0)) {
      long consumptionFen = campaignJson(TRADE_IN).path("consumptionFen").asLong();

      // When the page is opened, it asks for the token
      open(guarded.port());
      WebElement dialog = browser.findElement(By.id("token-dialog"));
      new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.visibilityOf(dialog));
      assertThat(browser.findElement(By.id("status")).getAttribute("data-state")).isEqualTo("token");
      screenshot("token-prompt");

      // a wrong token is refused and asked for again
      enterToken("not-the-token");
      new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-error")));
      assertThat(dialog.isDisplayed()).isTrue();

      // Then with the right token the numbers appear and the stream connects with it
      enterToken(TOKEN);
      waitForText(field(TRADE_IN, "consumption"), yuan(consumptionFen));
      assertThat(dialog.isDisplayed()).isFalse();
      awaitLive(guarded);
      JavascriptExecutor js = (JavascriptExecutor) browser;
      assertThat(js.executeScript("return sessionStorage.getItem('campaign-pulse.token');")).isEqualTo(TOKEN);
      assertThat(js.executeScript("return localStorage.getItem('campaign-pulse.token');")).isNull();
      assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);
    }
  }

  @Test
  void moneyIsFormattedExactlyAndTheStreamParserFollowsTheSpec() throws Exception {
    // Given the page's helpers
    open(pipeline.service.httpPort());
    // When they format fen beyond Number's exact range and parse events split across chunks
    Object result = ((JavascriptExecutor) browser).executeScript("""
        const big = Pulse.parseJson('{"fen": 9007199254740993}').fen;
        const events = [];
        const comments = [];
        const parser = new Pulse.SseParser((type, data) => events.push(type + '=' + data), c => comments.push(c));
        [': hello\\r\\n\\r', '\\nevent: totals\\r\\ndata: {"a":', '1}\\r\\n\\r\\ndata:x\\ndata: y\\n\\nevent: e\\n\\n']
            .forEach(chunk => parser.push(chunk));
        return [Pulse.formatFen(big), Pulse.formatFen(5), Pulse.formatFen(-123456), Pulse.formatCount(1234567),
            Pulse.formatFenChinese(123456789), Pulse.formatFenChinese(1234567890123), Pulse.formatFenChinese(999999),
            Pulse.percent(2, 3), Pulse.percent(850000, 1000000), Pulse.percent(1, 0), events.join('|'),
            comments.join('|')];
        """);
    // Then every figure is exact and every event is delivered whole
    assertThat(result).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("¥90,071,992,547,409.93", "¥0.05", "-¥1,234.56", "1,234,567",
        "123.46万元", "123.46亿元", "9,999.99元", "66.67", "85.00", null, "totals={\"a\":1}|message=x\ny", "hello");
  }

  private void open(int port) {
    browser.get("http://127.0.0.1:" + port + "/");
  }

  private void awaitLive(ApiServer server) {
    waitForAttribute(By.id("status"), "data-state", "live");
    assertThat(server.streamClients()).isEqualTo(1);
  }

  private void awaitLive(PipelineService service) {
    waitForAttribute(By.id("status"), "data-state", "live");
    await().atMost(TIMEOUT).until(() -> service.streamClients() >= 1); // an earlier test's page may linger
  }

  private void enterToken(String token) {
    WebElement input = browser.findElement(By.id("token-input"));
    input.clear();
    input.sendKeys(token);
    browser.findElement(By.id("token-submit")).click();
  }

  private WebElement card(String campaignId) {
    return new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-campaign='" + campaignId + "']")));
  }

  private WebElement field(String campaignId, String field) {
    return card(campaignId).findElement(By.cssSelector("[data-field='" + field + "']"));
  }

  private void waitForText(WebElement element, String text) {
    new WebDriverWait(browser, TIMEOUT).withMessage(() -> "text of " + element + " was '" + element.getText() + "'")
        .until(ExpectedConditions.textToBePresentInElement(element, text));
    assertThat(element.getText()).isEqualTo(text);
  }

  private void waitForText(By locator, String text) {
    new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.textToBe(locator, text));
  }

  private void waitForAttribute(By locator, String attribute, String value) {
    new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.attributeToBe(locator, attribute, value));
  }

  /** Saves the whole page: the window is made as tall as the page first. */
  private void screenshot(String name) throws IOException {
    Number height = (Number) ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;");
    browser.manage().window().setSize(new Dimension(1600, Math.max(1000, height.intValue())));
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Fen as the dashboard shows money: ¥ and the yuan with thousands separators, two decimals. */
  private static String yuan(long fen) {
    return String.format(Locale.ROOT, "¥%,d.%02d", fen / 100, fen % 100);
  }

  private JsonNode campaignJson(String id) throws Exception {
    var response = pipeline.get("/api/campaigns/" + id);
    return response.statusCode() == 200 ? json.readTree(response.body()) : json.createObjectNode();
  }

  private KafkaProducer<String, SpecificRecord> producer() {
    AvroWireSerializer<SpecificRecord> values = new AvroWireSerializer<>();
    values.configure(pipeline.config.serdeConfig(), false);
    return new KafkaProducer<>(pipeline.config.producerProperties("dashboard-test"), new StringSerializer(),
        values);
  }

  /** Sends an order, fair sale or gate report keyed and timed as the producers do. */
  private void send(KafkaProducer<String, SpecificRecord> producer, SpecificRecord event) {
    if (event instanceof TradeInOrder o) {
      producer.send(new ProducerRecord<>(pipeline.topics().orders(), null, o.getEventTime().toEpochMilli(),
          o.getOrderId(), o));
    } else if (event instanceof FairSale s) {
      producer.send(new ProducerRecord<>(pipeline.topics().fairSales(), null, s.getEventTime().toEpochMilli(),
          s.getFairId(), s));
    } else if (event instanceof FairVisit v) {
      producer.send(new ProducerRecord<>(pipeline.topics().fairVisits(), null, v.getEventTime().toEpochMilli(),
          v.getFairId(), v));
    } else {
      throw new IllegalArgumentException("not a test event: " + event);
    }
  }

  private static Campaign campaign(String id, String name, CampaignKind kind, long budgetFen) {
    return Campaign.newBuilder().setCampaignId(id).setName(name).setKind(kind).setRegion("江岸区")
        .setStartTime(NOW.minus(Duration.ofDays(30))).setEndTime(NOW.plus(Duration.ofDays(30)))
        .setSubsidyBudgetFen(budgetFen).setAlertThresholdsPercent(List.of(50, 80, 90, 100)).build();
  }

  private static TradeInOrder order(String id, OrderStatus status, long purchaseFen, long subsidyFen,
      Category category, String street, int daysAgo) {
    return TradeInOrder.newBuilder().setOrderId(id).setVersion(1).setCampaignId(TRADE_IN).setCategory(category)
        .setStatus(status).setPurchaseAmountFen(purchaseFen).setSubsidyAmountFen(subsidyFen).setMerchantId("M-1")
        .setStreet(street).setEventTime(NOW.minus(Duration.ofDays(daysAgo)).minus(Duration.ofMinutes(10)))
        .build();
  }

  private static FairSale sale(String id, long amountFen) {
    return FairSale.newBuilder().setSaleId(id).setFairId("F-SPRING").setCampaignId(FAIR).setMerchantId("M-9")
        .setCategory(Category.HOME_FURNISHING).setAmountFen(amountFen).setEventTime(NOW.minus(Duration.ofHours(4)))
        .build();
  }
}
