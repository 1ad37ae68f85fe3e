package io.campaignpulse.producers.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The counts of one run over its files: rows read, sent (or valid, in a dry run) and rejected, per file and in
 * total, valid rows per kind; printed at the end of the run, also when it was stopped.
 */
public final class IngestSummary {

  private final List<FileResult> files = new ArrayList<>();

  public void add(FileResult result) {
    files.add(result);
  }

  public List<FileResult> files() {
    return List.copyOf(files);
  }

  public long read() {
    return files.stream().mapToLong(FileResult::read).sum();
  }

  public long valid() {
    return files.stream().mapToLong(FileResult::validTotal).sum();
  }

  public long valid(EventKind kind) {
    return files.stream().mapToLong(f -> f.valid(kind)).sum();
  }

  public long sent() {
    return files.stream().mapToLong(FileResult::sent).sum();
  }

  public long rejected() {
    return files.stream().mapToLong(FileResult::rejected).sum();
  }

  /** Every file read to its end, every row valid and sent. */
  public boolean isClean() {
    return files.stream().allMatch(FileResult::isClean);
  }

  /**
   * One line per file, then the total, e.g.
   * {@code orders.csv: read 1,204, sent 1,200, rejected 4 (orders.csv.rejects.jsonl)}.
   * In a dry run "valid" replaces "sent".
   */
  public String render(boolean dryRun) {
    StringBuilder out = new StringBuilder();
    String sentWord = dryRun ? "valid" : "sent";
    for (FileResult f : files) {
      out.append(String.format("%s: read %,d, %s %,d, rejected %,d", f.file(), f.read(), sentWord,
          dryRun ? f.validTotal() : f.sent(), f.rejected()));
      if (f.rejectsFile() != null) {
        out.append(" (").append(f.rejectsFile()).append(')');
      }
      out.append('\n');
      if (f.failure() != null) {
        out.append("  not read to the end: ").append(f.failure()).append('\n');
      }
      if (f.sendFailure() != null) {
        out.append("  sending failed: ").append(f.sendFailure()).append('\n');
      }
      if (f.stopped()) {
        out.append(String.format("  stopped after line %,d%s%n", f.lastLine(), dryRun ? ""
            : "; run the same command again to finish (rows sent twice count once)"));
      }
    }
    List<String> kinds = new ArrayList<>();
    for (EventKind kind : EventKind.values()) {
      kinds.add(String.format("%s %,d", kind.label(), valid(kind)));
    }
    out.append(String.format("total: %d file%s, read %,d, %s %,d (%s), rejected %,d%n", files.size(),
        files.size() == 1 ? "" : "s", read(), sentWord, dryRun ? valid() : sent(), String.join(", ", kinds),
        rejected()));
    if (dryRun) {
      out.append("dry run: nothing was sent\n");
    }
    return out.toString();
  }
}
