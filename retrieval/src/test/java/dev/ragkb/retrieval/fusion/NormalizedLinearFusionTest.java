package dev.ragkb.retrieval.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ragkb.core.Fixtures;
import dev.ragkb.core.Hit;
import dev.ragkb.retrieval.fusion.NormalizedLinearFusion.Normalization;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizedLinearFusionTest {

  private static Hit h(String id, double score) {
    return Fixtures.hit(id, 0, "text " + id, score);
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(x -> x.chunk().documentId()).toList();
  }

  @Test
  void minMaxScalesEachListToZeroOneAndWeighsThem() {
    List<Hit> bm25 = List.of(h("a", 20), h("b", 15), h("c", 10));
    List<Hit> knn = List.of(h("c", 0.9), h("b", 0.8), h("d", 0.7));

    List<Hit> fused = NormalizedLinearFusion.ofVectorWeight(0.5, Normalization.MIN_MAX).fuse(List.of(bm25, knn), 10);

    // a: 0.5*1 = 0.5; b: 0.5*0.5 + 0.5*0.5 = 0.5; c: 0 + 0.5*1 = 0.5; d: 0 + 0 = 0
    assertThat(fused).hasSize(4);
    assertThat(fused.stream().filter(x -> x.chunk().documentId().equals("b")).findFirst().orElseThrow().score())
        .isCloseTo(0.5, within(1e-12));
    assertThat(ids(fused).getLast()).isEqualTo("d");
  }

  @Test
  void weightOneFollowsTheVectorListAlone() {
    List<Hit> bm25 = List.of(h("a", 20), h("b", 15));
    List<Hit> knn = List.of(h("b", 0.9), h("c", 0.8), h("a", 0.1));

    var fused = NormalizedLinearFusion.ofVectorWeight(1.0, Normalization.MIN_MAX).fuse(List.of(bm25, knn), 3);

    assertThat(ids(fused)).containsExactly("b", "c", "a");
  }

  @Test
  void zScoreKeepsTheOrderOfASingleList() {
    List<Hit> bm25 = List.of(h("a", 9), h("b", 5), h("c", 1));
    var fused = new NormalizedLinearFusion(List.of(1.0), Normalization.Z_SCORE).fuse(List.of(bm25), 3);
    assertThat(ids(fused)).containsExactly("a", "b", "c");
    assertThat(fused.getLast().score()).isZero();
  }

  @Test
  void rejectsBadWeightsAndMismatchedLists() {
    assertThatThrownBy(() -> new NormalizedLinearFusion(List.of(0.0, 0.0), Normalization.MIN_MAX))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NormalizedLinearFusion.ofVectorWeight(1.5, Normalization.MIN_MAX))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NormalizedLinearFusion.ofVectorWeight(0.5, Normalization.MIN_MAX).fuse(List.of(List.of()), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
