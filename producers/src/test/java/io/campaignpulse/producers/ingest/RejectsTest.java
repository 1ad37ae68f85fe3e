package io.campaignpulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsTest {

  @TempDir
  Path dir;

  @Test
  void writesOneJsonObjectPerRejectedLineKeepingTheRawTextExactly() throws IOException {
    // Given a raw line with quotes, commas, Chinese and a line break
    String raw = "O-9,\"城关\n街道\",\"5\"\" TV\"";

    // When rejected
    Path file = dir.resolve("all.rejects.jsonl");
    try (Rejects rejects = Rejects.to(file)) {
      rejects.write("in/orders.csv", 12, "orderId is missing", raw);
      rejects.write("in/orders.csv", 15, "negative visitors -3", "x");
    }

    // Then each is one line of JSON with file, line, reason and raw
    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"file\":\"in/orders.csv\",\"line\":12,\"reason\":\"orderId is missing\","
            + "\"raw\":\"O-9,\\\"城关\\n街道\\\",\\\"5\\\"\\\" TV\\\"\"}",
        "{\"file\":\"in/orders.csv\",\"line\":15,\"reason\":\"negative visitors -3\",\"raw\":\"x\"}");
  }

  @Test
  void theDefaultFileIsBesideTheInputAndOnlyWrittenWhenThereIsAReject() throws IOException {
    // Given an input; When its rejects are opened but nothing is rejected
    Path input = dir.resolve("orders.csv.gz");
    try (Rejects rejects = Rejects.besideInput(input)) {
      assertThat(rejects.path()).isEqualTo(dir.resolve("orders.csv.gz.rejects.jsonl"));
      assertThat(rejects.isWritten()).isFalse();
    }

    // Then no file appears
    assertThat(dir.resolve("orders.csv.gz.rejects.jsonl")).doesNotExist();
  }

  @Test
  void anExplicitFileIsCreatedAtOnceEvenWithoutRejects() throws IOException {
    // Given --rejects; When a clean run ends; Then the file exists and is empty, replacing an old one
    Path file = Files.writeString(dir.resolve("r.jsonl"), "old\n");
    try (Rejects rejects = Rejects.to(file)) {
      assertThat(rejects.count()).isZero();
    }
    assertThat(file).isEmptyFile();
  }
}
