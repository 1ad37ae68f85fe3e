package io.campaignpulse.replay.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report into a directory: {@code report.json}, the CSV tables ({@code totals.csv}, {@code daily.csv},
 * {@code crossings.csv}, {@code breakdowns.csv}, {@code comparisons.csv}) and {@code report.html}, all UTF-8
 * without a byte-order mark. The same report gives byte-identical files, so two replays can be compared with
 * {@code cmp} or {@code diff}. Existing files of these names are replaced; other files are left alone.
 */
public final class ReportWriter {

  private ReportWriter() {
  }

  /** File name to content, in writing order. */
  public static Map<String, String> files(ReplayReport report) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("report.json", ReportJson.pretty(report));
    files.putAll(ReportCsv.tables(report));
    files.put("report.html", ReportHtml.render(report));
    return files;
  }

  /** Writes the report's files into {@code dir} (created when missing) and returns their paths. */
  public static List<Path> write(ReplayReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> file : files(report).entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      written.add(path);
    }
    return written;
  }
}
