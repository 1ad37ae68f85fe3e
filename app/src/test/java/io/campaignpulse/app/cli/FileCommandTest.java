package io.campaignpulse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpulse.app.CampaignPulse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FileCommandTest {

  private static final String ORDERS_HEADER =
      "orderId,version,campaignId,category,status,purchaseAmountFen,subsidyAmountFen,merchantId,street,eventTime\n";

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String deadRegistry;
  private String deadBroker;

  @BeforeEach
  void portsNothingListensOn() throws IOException {
    try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
      deadRegistry = "http://127.0.0.1:" + a.getLocalPort() + "/apis/ccompat/v7";
      deadBroker = "127.0.0.1:" + b.getLocalPort();
    }
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new FileCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", deadBroker, "--schema-registry-url", deadRegistry, "--no-progress"));
    return cli.execute(all.toArray(String[]::new));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void aDryRunValidatesWithoutContactingKafkaOrTheRegistry() throws IOException {
    // Given a file with a good and a bad row, and neither broker nor registry listening
    Path file = write("orders.csv", ORDERS_HEADER
        + "O-1,1,C-1,AUTO,PAID,1000,100,M-1,,2024-10-01T02:00:00Z\n"
        + "O-2,1,C-1,AUTO,PAID,1000,1001,M-1,,2024-10-01T02:00:00Z\n");

    // When dry-run
    long start = System.nanoTime();
    int exit = run(file.toString(), "--dry-run");

    // Then it answers at once with the counts, exit 1 for the reject, nothing sent, the reject quoted and written
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).contains(file + ": read 2, valid 1, rejected 1",
        "total: 1 file, read 2, valid 1 (orders 1, fair-visits 0, fair-sales 0), rejected 1",
        "dry run: nothing was sent");
    assertThat(err.toString()).contains(file + ":3: subsidyAmountFen 1001 is above purchaseAmountFen 1000");
    assertThat(new ObjectMapper().readTree(Files.readString(dir.resolve("orders.csv.rejects.jsonl")))
        .get("line").asLong()).isEqualTo(3);
  }

  @Test
  void aCleanDryRunExitsZero() throws IOException {
    // Given a file of valid gate reports; When dry-run; Then exit 0 and no rejects file
    Path file = write("visits.jsonl", "{\"fairId\":\"F-1\",\"campaignId\":\"C-1\",\"gateId\":\"G-1\","
        + "\"visitors\":5,\"eventTime\":\"2024-10-01T10:00:00+08:00\"}\n");

    assertThat(run(file.toString(), "--dry-run")).isZero();
    assertThat(dir.resolve("visits.jsonl.rejects.jsonl")).doesNotExist();
  }

  @Test
  void aWrongHeaderIsExitOneNamingTheColumns() throws IOException {
    // Given a header with a misspelt column; When dry-run
    Path file = write("orders.csv", ORDERS_HEADER.replace("subsidyAmountFen", "subsidyAmount"));
    int exit = run(file.toString(), "--dry-run");

    // Then exit 1 and the summary names the missing and unknown column
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).contains("not read to the end: header: missing columns [subsidyAmountFen]; "
        + "unknown columns [subsidyAmount]");
  }

  @Test
  void allRejectsGoToOneFileWithRejects() throws IOException {
    // Given two files with one bad row each; When dry-run with --rejects
    Path a = write("a.csv", ORDERS_HEADER + "O-1,x,C-1,AUTO,PAID,1,0,M-1,,2024-10-01T02:00:00Z\n");
    Path b = write("b.jsonl", "{oops\n");
    Path rejects = dir.resolve("out/rejects.jsonl");
    assertThat(run(a.toString(), b.toString(), "--dry-run", "--rejects", rejects.toString())).isEqualTo(1);

    // Then both are in it, each with its file and line
    assertThat(Files.readAllLines(rejects)).hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("\"file\":\"" + a + "\"", "\"line\":2"))
        .anySatisfy(l -> assertThat(l).contains("\"file\":\"" + b + "\"", "\"line\":1"));
  }

  @Test
  void rejectsThatCannotBeWrittenStopTheRunWithExitOne() throws IOException {
    // Given a file with a bad row and a rejects path that is a directory
    Path file = write("orders.csv", ORDERS_HEADER + "O-1,x,C-1,AUTO,PAID,1,0,M-1,,2024-10-01T02:00:00Z\n");
    Path directory = Files.createDirectories(dir.resolve("rejects"));

    // When dry-run; Then it stops with exit 1 and says why, rather than dropping the bad row
    assertThat(run(file.toString(), "--dry-run", "--rejects", directory.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("campaign-pulse: cannot write the rejects, stopped: ");
  }

  @Test
  void usageErrorsExitTwoBeforeReadingAnything() throws IOException {
    // Given a file whose name tells no format, and a missing file
    Path txt = write("export.txt", ORDERS_HEADER);

    // When run with them, or with an unknown kind or format; Then each is a usage error
    assertThat(run(dir.resolve("missing.csv").toString(), "--dry-run")).isEqualTo(2);
    assertThat(run(txt.toString(), "--dry-run")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot tell the format of " + txt);
    assertThat(run(txt.toString(), "--dry-run", "--format", "xml")).isEqualTo(2);
    assertThat(run(txt.toString(), "--dry-run", "--format", "csv", "--kind", "refunds")).isEqualTo(2);
    assertThat(run("--dry-run")).isEqualTo(2);
    assertThat(run(txt.toString(), "--dry-run", "--format", "csv", "--rejects", txt.toString())).isEqualTo(2);
  }

  @Test
  void withoutDryRunAnUnreachableRegistryStopsBeforeReading() throws IOException {
    // Given a valid file and no registry; When ingested for real
    Path file = write("orders.csv", ORDERS_HEADER + "O-1,1,C-1,AUTO,PAID,1000,100,M-1,,2024-10-01T02:00:00Z\n");
    CommandLine cli = new CommandLine(new FileCommand());
    cli.setExecutionExceptionHandler(CampaignPulse.commandLine().getExecutionExceptionHandler());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(out));
    int exit = cli.execute(file.toString(), "--schema-registry-url", deadRegistry, "--bootstrap-servers", deadBroker);

    // Then exit 1 with one line naming the registry, and no counts were printed
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("campaign-pulse: schema registry " + deadRegistry);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void progressIsNegatable() {
    // Given the option both ways; When parsed; Then --progress and --no-progress set it, absent leaves it automatic
    FileCommand shown = new FileCommand();
    new CommandLine(shown).parseArgs("x.csv", "--progress");
    FileCommand hidden = new FileCommand();
    new CommandLine(hidden).parseArgs("x.csv", "--no-progress");
    FileCommand auto = new FileCommand();
    new CommandLine(auto).parseArgs("x.csv");

    assertThat(shown.progress).isTrue();
    assertThat(hidden.progress).isFalse();
    assertThat(auto.progress).isNull();
  }
}
