package io.campaignpulse.replay.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The report as one self-contained HTML page an analyst can mail: the report embedded as JSON, ECharts and the
 * page's script and style inlined, nothing loaded from anywhere (a content security policy forbids it), no
 * timestamps, so the same report gives the same bytes.
 *
 * <p>The embedded JSON escapes {@code <}, {@code >} and {@code &} as JSON unicode escapes (backslash, u, four hex digits): the JSON parses
 * to the same values, and no campaign name can end the script element ({@code </script>}) or open an HTML
 * comment in it.
 */
public final class ReportHtml {

  /** ECharts as the webjar {@code org.webjars.npm:echarts:5.3.1} holds it. */
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private ReportHtml() {
  }

  /** The page. */
  public static String render(ReplayReport report) {
    return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
        style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
        <meta name="referrer" content="no-referrer">
        <title>活动回放报告 · Campaign replay report</title>
        <link rel="icon" href="data:,">
        <style>
        """ + ReportPageStyle.CSS + """
        </style>
        </head>
        <body>
        <header class="topbar">
        <h1 id="title">活动回放报告</h1>
        <div class="lang" role="group" aria-label="language">\
        <button type="button" data-lang="zh">中文</button> <button type="button" data-lang="en">English</button></div>
        </header>
        <main id="report"><noscript>This report needs JavaScript; its data is in report.json and the CSV files.\
        </noscript></main>
        <script type="application/json" id="report-data">""" + embeddedJson(report) + """
        </script>
        <script>
        """ + Echarts.SCRIPT + """
        </script>
        <script>
        """ + ReportPageScript.JS + """
        </script>
        </body>
        </html>
        """;
  }

  /** The report's JSON, safe inside a script element: no {@code <}, {@code >}, {@code &}, U+2028 or U+2029. */
  static String embeddedJson(ReplayReport report) {
    String json = ReportJson.compact(report);
    StringBuilder s = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      // these characters can only be inside JSON strings, where a \\uXXXX escape means the same
      if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /** ECharts, read once from the classpath and checked to be safe to inline in a script element. */
  private static final class Echarts {

    static final String SCRIPT = load();

    private static String load() {
      try (InputStream in = ReportHtml.class.getResourceAsStream(ECHARTS)) {
        if (in == null) {
          throw new IllegalStateException("ECharts is not on the classpath: " + ECHARTS);
        }
        String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String lower = js.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
          throw new IllegalStateException("ECharts cannot be inlined as it is: it holds </script or <!--");
        }
        return js;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
