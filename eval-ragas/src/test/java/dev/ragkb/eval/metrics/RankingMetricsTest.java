package dev.ragkb.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed cases, following trec_eval's definitions. */
class RankingMetricsTest {

  private static final Map<String, Integer> TWO_RELEVANT = Map.of("a", 1, "b", 1, "x", 0);

  @Test
  void ndcgOfAPerfectRankingIsOne() {
    assertThat(RankingMetrics.ndcg(List.of("a", "b", "c"), TWO_RELEVANT, 10)).isEqualTo(1.0);
  }

  @Test
  void ndcgDiscountsByLogOfRank() {
    // relevant at ranks 2 and 3: (1/log2(3) + 1/log2(4)) / (1 + 1/log2(3)) = (0.63093 + 0.5) / 1.63093
    double expected = (1 / (Math.log(3) / Math.log(2)) + 0.5) / (1 + 1 / (Math.log(3) / Math.log(2)));
    assertThat(RankingMetrics.ndcg(List.of("c", "a", "b"), TWO_RELEVANT, 10)).isCloseTo(expected, within(1e-12));
    assertThat(expected).isCloseTo(0.69342, within(1e-5));
  }

  @Test
  void ndcgUsesGradedGainsAndCutsAtK() {
    Map<String, Integer> graded = Map.of("a", 2, "b", 1);
    // ranking b, a: dcg = 1 + 2/log2(3) = 2.26186; ideal a, b: 2 + 1/log2(3) = 2.63093
    assertThat(RankingMetrics.ndcg(List.of("b", "a"), graded, 10)).isCloseTo(2.26186 / 2.63093, within(1e-5));
    // cut at 1: dcg = 1, ideal = 2
    assertThat(RankingMetrics.ndcg(List.of("b", "a"), graded, 1)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void recallCountsRelevantFoundWithinK() {
    assertThat(RankingMetrics.recall(List.of("a", "c", "b"), TWO_RELEVANT, 2)).isEqualTo(0.5);
    assertThat(RankingMetrics.recall(List.of("a", "c", "b"), TWO_RELEVANT, 3)).isEqualTo(1.0);
    assertThat(RankingMetrics.recall(List.of("x"), TWO_RELEVANT, 10)).isZero();
  }

  @Test
  void reciprocalRankIsThatOfTheFirstRelevantWithinK() {
    assertThat(RankingMetrics.reciprocalRank(List.of("x", "c", "b", "a"), TWO_RELEVANT, 10)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(RankingMetrics.reciprocalRank(List.of("x", "c", "b"), TWO_RELEVANT, 2)).isZero();
  }

  @Test
  void noRelevantJudgementsScoreZero() {
    assertThat(RankingMetrics.ndcg(List.of("a"), Map.of("a", 0), 10)).isZero();
    assertThat(RankingMetrics.recall(List.of("a"), Map.of(), 10)).isZero();
  }
}
