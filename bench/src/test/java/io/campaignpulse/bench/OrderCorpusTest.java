package io.campaignpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OrderCorpusTest {

  @Test
  void ordersKeyedByOrderIdWithTheirWireSize() {
    OrderCorpus corpus = OrderCorpus.generate(300, 7);

    assertThat(corpus.size()).isEqualTo(300);
    for (int i = 0; i < corpus.size(); i++) {
      assertThat(corpus.key(i)).isEqualTo(corpus.value(i).getOrderId());
    }
    assertThat(corpus.averageRecordBytes())
        .isCloseTo(corpus.averageKeyBytes() + corpus.averageValueBytes(), within(1e-9));
    // a value is the 5-byte wire-format header plus at least the Avro-encoded ids and amounts
    assertThat(corpus.averageValueBytes()).isGreaterThan(30);
  }
}
