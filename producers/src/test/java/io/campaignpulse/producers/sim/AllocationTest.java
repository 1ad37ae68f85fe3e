package io.campaignpulse.producers.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AllocationTest {

  @Test
  void shouldSplitExactlyGivingLeftoversToTheLargestRemainders() {
    // Given 10 units over three equal weights and 100 over 1:2
    // When split / Then the parts add up, the first index winning ties
    assertThat(Allocation.split(10, new double[] {1, 1, 1})).containsExactly(4, 3, 3);
    assertThat(Allocation.split(100, new double[] {1, 2})).containsExactly(33, 67);
  }

  @Test
  void shouldSplitAYearsSalesToTheFen() {
    // Given 1.67 billion yuan in fen over uneven day weights
    long total = 167_000_000_000L;
    double[] weights = {1.0, 1.35, 2.1, 0.37, 1.9, 1.35, 1.0};

    // When split
    long[] parts = Allocation.split(total, weights);

    // Then no fen is lost and the busiest day gets the most
    assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
    assertThat(parts[2]).isEqualTo(Arrays.stream(parts).max().orElseThrow());
  }

  @Test
  void shouldSplitNothingOverZeroWeights() {
    assertThat(Allocation.split(0, new double[] {0, 0})).containsExactly(0, 0);
  }
}
