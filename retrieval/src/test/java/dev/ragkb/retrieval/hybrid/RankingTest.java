package dev.ragkb.retrieval.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.Fixtures;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.Hit;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetrievalSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {

  private final Ranking defaults = new Ranking(FusionMethod.LINEAR_MIN_MAX, 0.6, 60, 1);

  @Test
  void theRequestOutranksTheKnowledgeBaseWhichOutranksTheServiceFieldByField() {
    var kb = new RetrievalSettings(FusionMethod.RRF, 0.2, 30, null);
    var request = new RetrievalSettings(null, 0.9, null, 0.7);

    assertThat(defaults.under(kb, request)).isEqualTo(new Ranking(FusionMethod.RRF, 0.9, 30, 0.7));
    assertThat(defaults.under(kb, RetrievalSettings.INHERIT)).isEqualTo(new Ranking(FusionMethod.RRF, 0.2, 30, 1));
    assertThat(defaults.under(RetrievalSettings.INHERIT, request))
        .isEqualTo(new Ranking(FusionMethod.LINEAR_MIN_MAX, 0.9, 60, 0.7));
    assertThat(defaults.under(RetrievalSettings.INHERIT, RetrievalSettings.INHERIT)).isEqualTo(defaults);
  }

  @Test
  void refusesOutOfRangeValuesAndUnknownFusionNamesAsInvalidRequests() {
    assertThatThrownBy(() -> new RetrievalSettings(null, 1.5, null, null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("vectorWeight");
    assertThatThrownBy(() -> new RetrievalSettings(null, -0.1, null, null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new RetrievalSettings(null, Double.NaN, null, null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new RetrievalSettings(null, null, 0, null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("rrfK");
    assertThatThrownBy(() -> new RetrievalSettings(null, null, null, 2.0))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("mmrLambda");
    assertThatThrownBy(() -> FusionMethod.of("borda"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("rrf, linear-min-max, linear-z-score");
    assertThat(FusionMethod.of(" Linear-Z-Score")).isEqualTo(FusionMethod.LINEAR_Z_SCORE);
  }

  @Test
  void vectorWeightZeroFollowsBm25AndOneFollowsKnn() {
    List<Hit> bm25 = List.of(h("a", 12), h("b", 9), h("c", 3));
    List<Hit> knn = List.of(h("c", 0.9), h("d", 0.8), h("b", 0.7), h("a", 0.1));
    var lists = List.of(bm25, knn);

    assertThat(ids(defaults.under(RetrievalSettings.INHERIT, weight(0)).fuser().fuse(lists, 3)))
        .containsExactly("a", "b", "c");
    assertThat(ids(defaults.under(RetrievalSettings.INHERIT, weight(1)).fuser().fuse(lists, 3)))
        .containsExactly("c", "d", "b");
  }

  @Test
  void diversifiesOnlyWhenLambdaIsBelowOne() {
    List<Hit> bm25 = List.of(h("a", 3, "reset the router"), h("a-copy", 2, "reset the router"), h("b", 1, "invoices"));
    var lists = List.of(bm25, List.<Hit>of());
    var weightBm25 = new RetrievalSettings(null, 0.0, null, null);

    assertThat(ids(rank(defaults.under(weightBm25, RetrievalSettings.INHERIT), lists, 2)))
        .containsExactly("a", "a-copy");
    assertThat(ids(rank(defaults.under(weightBm25, new RetrievalSettings(null, null, null, 0.5)), lists, 2)))
        .containsExactly("a", "b");
  }

  /** As the retriever does, with a pool of 10. */
  private static List<Hit> rank(Ranking ranking, List<List<Hit>> lists, int topK) {
    assertThat(ranking.fusedDepth(topK, 10)).isEqualTo(ranking.diversifies() ? 10 : topK);
    return ranking.diversify(ranking.fuser().fuse(lists, ranking.fusedDepth(topK, 10)), topK);
  }

  private static RetrievalSettings weight(double w) {
    return new RetrievalSettings(null, w, null, null);
  }

  private static Hit h(String id, double score) {
    return h(id, score, "text " + id);
  }

  private static Hit h(String id, double score, String text) {
    return Fixtures.hit(id, 0, text, score);
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(x -> x.chunk().documentId()).toList();
  }
}
