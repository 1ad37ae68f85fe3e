package io.campaignpulse.streams.topology;

import static io.campaignpulse.avro.OrderStatus.APPROVED;
import static io.campaignpulse.streams.Events.T0;
import static io.campaignpulse.streams.Events.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.streams.PipelineHarness;
import io.campaignpulse.streams.decode.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterTopologyTest {

  private PipelineHarness pipeline;

  @BeforeEach
  void start() {
    pipeline = new PipelineHarness();
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void shouldDeadLetterARecordThatIsNotInTheWireFormatAndKeepCounting() {
    // Given a good order, a JSON record where Avro was expected, and another good order
    pipeline.order(order("O-1", 1, "C-1", APPROVED, 1_000, 100, T0));
    byte[] json = "{\"orderId\":\"O-9\"}".getBytes(StandardCharsets.UTF_8);
    pipeline.rawOrders.pipeInput("O-9", json);
    pipeline.order(order("O-2", 1, "C-1", APPROVED, 2_000, 200, T0));

    // Then the bad record is in dead-letters, byte for byte, with its source and reason
    TestRecord<String, byte[]> dead = pipeline.deadLetters.readRecord();
    assertThat(dead.key()).isEqualTo("O-9");
    assertThat(dead.value()).isEqualTo(json);
    assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("tradein-orders");
    assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).contains("wire format");
    assertThat(pipeline.deadLetters.isEmpty()).isTrue();
    // And the good orders around it count
    assertThat(pipeline.storeTotals().get("C-1").orders()).isEqualTo(2);
    assertThat(pipeline.metrics.deadLetters("tradein-orders")).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterARecordNamingAnUnknownSchemaId() {
    byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
    pipeline.rawOrders.pipeInput("O-1", unknownId);

    TestRecord<String, byte[]> dead = pipeline.deadLetters.readRecord();
    assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).contains("987654");
    assertThat(pipeline.storeTotals()).isEmpty();
  }

  @Test
  void shouldDeadLetterOrdersThatBreakTheContract() {
    // negative amount, missing campaign, subsidy above purchase, key that is not the orderId
    pipeline.order(order("O-1", 1, "C-1", APPROVED, -5, 0, T0));
    pipeline.order(order("O-2", 1, "", APPROVED, 1_000, 100, T0));
    pipeline.order(order("O-3", 1, "C-1", APPROVED, 1_000, 1_001, T0));
    pipeline.orders.pipeInput("not-O-4", order("O-4", 1, "C-1", APPROVED, 1_000, 100, T0));
    pipeline.order(order("O-5", 0, "C-1", APPROVED, 1_000, 100, T0));

    assertThat(pipeline.deadLetters.readRecordsToList())
        .extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
        .containsExactly(
            "negative purchaseAmountFen -5",
            "campaignId is missing",
            "subsidyAmountFen 1001 is above purchaseAmountFen 1000",
            "record key 'not-O-4' is not the orderId 'O-4'",
            "version 0 is below 1");
    assertThat(pipeline.storeTotals()).isEmpty();
    assertThat(pipeline.metrics.deadLetters()).isEqualTo(5);
  }

  @Test
  void shouldDeadLetterATombstone() {
    pipeline.rawOrders.pipeInput("O-1", (byte[]) null);

    assertThat(header(pipeline.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON)).contains("tombstone");
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
