package io.campaignpulse.replay.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  private static final ReplayReport REPORT = ReportFixtures.report();

  @TempDir
  Path dir;

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryFile() throws IOException {
    List<Path> written = ReportWriter.write(REPORT, dir.resolve("out"));

    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("report.json", "totals.csv",
        "daily.csv", "crossings.csv", "breakdowns.csv", "comparisons.csv", "report.html");
    assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile());
  }

  @Test
  void theSameReportGivesByteIdenticalFiles() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    ReportWriter.write(REPORT, first);
    ReportWriter.write(ReportFixtures.report(), second); // built again from scratch

    try (var files = Files.list(first)) {
      for (Path f : files.sorted().toList()) {
        assertThat(Files.readAllBytes(second.resolve(f.getFileName())))
            .as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
      }
    }
  }

  @Test
  void jsonRoundTripsToTheSameReport() throws IOException {
    ReportWriter.write(REPORT, dir);
    String json = read("report.json");

    assertThat(ReportJson.read(json)).isEqualTo(REPORT);
    assertThat(json).contains("\"from\": \"2023-01-01T00:00:00Z\"")
        .contains("\"visitors\": 48.4")
        .contains("\"grantedPercent\": 140.00")
        .doesNotContain("E+").doesNotContain("\r");
    // records keep their field order; maps are sorted by key
    assertThat(json).startsWith("{\n  \"scope\": {\n    \"campaigns\": [ ],\n    \"from\"");
    assertThat(json.indexOf("\n  \"input\"")).isLessThan(json.indexOf("\n  \"campaigns\""));
    assertThat(json.indexOf("\n  \"campaigns\"")).isLessThan(json.indexOf("\n  \"comparisons\""));
    assertThat(json.indexOf("\"consumptionFen\": 62.2")).isLessThan(json.indexOf("\"visitors\": 48.4"));
    assertThat(json).doesNotContain("\"empty\"");
  }

  @Test
  void csvQuotesNamesWithCommasQuotesAndNewlinesAndIsUtf8WithoutBom() throws IOException {
    ReportWriter.write(REPORT, dir);
    byte[] bytes = Files.readAllBytes(dir.resolve("totals.csv"));
    String totals = new String(bytes, StandardCharsets.UTF_8);

    assertThat(bytes[0]).isEqualTo((byte) 'c'); // no BOM
    assertThat(totals).startsWith("campaign_id,name,kind,series,orders,pending_orders,consumption_fen,"
        + "order_consumption_fen,fair_sales,fair_sales_fen,subsidy_fen,pending_subsidy_fen,visitors,budget_fen,"
        + "granted_percent,exhausted_hour,whatif_budget_fen,whatif_granted_percent,whatif_exhausted_hour,"
        + "whatif_orders,");
    assertThat(totals).contains("\r\nti-2024,\"以旧换新, \"\"家电\"\" 专场\n第二行 </script><script>alert(1)</script>\","
        + "TRADE_IN,,6,0,10500000,10500000,0,0,1050000,0,0,1000000,105.00,2024-05-02T10,600000,140.00,2024-05-01T10,"
        + "6,0,10500000,10500000,0,0,840000,0,0,0,0,0,0,0,0,-210000,0,0\r\n");
    assertThat(totals).contains("\r\nspring-2023,春会 2023,FESTIVAL_MARKET,春会,");
    assertThat(parse(totals)).allSatisfy(row -> assertThat(row).hasSize(parse(totals).get(0).size()));
    assertThat(parse(totals).get(3).get(1)).isEqualTo(ReportFixtures.AWKWARD_NAME);

    assertThat(read("crossings.csv")).startsWith("campaign_id,case,threshold_percent,hour,cumulative_subsidy_fen\r\n")
        .contains("\r\nti-2024,baseline,80,2024-05-01T10,850000\r\n")
        .contains("\r\nti-2024,what-if,50,2024-05-01T09,400000\r\n");
    assertThat(read("breakdowns.csv")).contains("\r\nti-2024,street,\"荷花路, 东段\",")
        .contains("\r\nspring-2024,fair,hall-a,0,0,800000,0,20,800000,0,0,1000\r\n");
    assertThat(read("daily.csv")).contains("\r\nti-2024,what-if,2024-05-02,");
    assertThat(read("comparisons.csv")).contains("\r\nspring-2023,spring-2024,visitors,1000,1484,48.4\r\n")
        .contains("\r\nspring-2023,spring-2024,orders,0,0,\r\n");
  }

  @Test
  void htmlIsSelfContainedWithEchartsInlinedAndTheReportEmbedded() throws IOException {
    ReportWriter.write(REPORT, dir);
    String html = read("report.html");

    assertThat(html).contains("t.version=\"5.3.1\"") // echarts.min.js itself, inlined
        .doesNotContain("<script src").doesNotContain("<link rel=\"stylesheet\"");
    Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html);
    assertThat(external.find()).as("an external src/href").isFalse();
    assertThat(html).doesNotContainPattern("(?i)url\\(\\s*['\"]?https?:");
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");

    ReplayReport embedded = ReportJson.read(embedded(html));
    assertThat(embedded).isEqualTo(REPORT);
    assertThat(embedded.campaigns().get(2).name()).isEqualTo(ReportFixtures.AWKWARD_NAME);
  }

  @Test
  void aNameCannotEndTheEmbeddingScript() throws IOException {
    ReportWriter.write(REPORT, dir);
    String html = read("report.html");
    String json = embedded(html);

    assertThat(json).doesNotContain("<").doesNotContain(">").contains("\\u003c/script\\u003e");
    // the page has exactly its three script elements: data, ECharts, the page's own
    assertThat(Pattern.compile("(?i)</script").matcher(html).results().count()).isEqualTo(3);
    assertThat(html).doesNotContain("<!--");
  }

  /** The text of the application/json script element. */
  private static String embedded(String html) {
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int start = html.indexOf(open) + open.length();
    return html.substring(start, html.indexOf("</script>", start));
  }

  /** A minimal RFC 4180 reader, to check that the quoting reads back. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    return rows;
  }
}
