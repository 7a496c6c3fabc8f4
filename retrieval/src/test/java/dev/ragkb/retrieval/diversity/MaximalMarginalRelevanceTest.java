package dev.ragkb.retrieval.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.Hit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaximalMarginalRelevanceTest {

  /*
   * Fused scores 0.9, 0.85, 0.7, 0.5 rescale to relevance 1, 0.875, 0.5, 0. "panels-dup" repeats
   * "panels" but for one word; with n = 4 texts their similarity is
   * 5 ln²(5/2) / (5 ln²(5/2) + ln² 5) = 4.198 / 6.788 = 0.618 (TermVectorsTest), and every other pair
   * shares no term (similarity 0).
   */
  private final List<Hit> fused = List.of(
      hit("panels", "solar panel output falls in winter", 0.9),
      hit("panels-dup", "solar panel output drops in winter", 0.85),
      hit("turbines", "wind turbines need regular maintenance", 0.7),
      hit("tides", "tidal energy depends on lunar cycles", 0.5));

  @Test
  void pushesANearDuplicateBelowAHitThatAddsSomething() {
    // after "panels": panels-dup 0.5 * 0.875 - 0.5 * 0.618 = 0.128, turbines 0.5 * 0.5 - 0 = 0.25,
    // tides 0; then panels-dup 0.128 beats tides 0
    var picked = new MaximalMarginalRelevance(0.5).select(fused, 4);

    assertThat(ids(picked)).containsExactly("panels", "turbines", "panels-dup", "tides");
    assertThat(picked.get(1).score()).as("hits keep their fused scores").isEqualTo(0.7);
  }

  @Test
  void aMilderLambdaKeepsANearDuplicateThatIsRelevantEnough() {
    // panels-dup 0.7 * 0.875 - 0.3 * 0.618 = 0.427 beats turbines 0.7 * 0.5 = 0.35
    assertThat(ids(new MaximalMarginalRelevance(0.7).select(fused, 3)))
        .containsExactly("panels", "panels-dup", "turbines");
  }

  @Test
  void lambdaOneKeepsTheFusedOrder() {
    assertThat(new MaximalMarginalRelevance(1).select(fused, 3)).isEqualTo(fused.subList(0, 3));
  }

  @Test
  void anExactDuplicateGoesLastEvenWhenItIsTheSecondMostRelevant() {
    var withCopy = List.of(fused.get(0), hit("copy", fused.get(0).chunk().text(), 0.89), fused.get(2), fused.get(3));

    assertThat(ids(new MaximalMarginalRelevance(0.5).select(withCopy, 4)))
        .containsExactly("panels", "turbines", "tides", "copy");
  }

  @Test
  void returnsAtMostTopKAndRefusesABadLambda() {
    assertThat(new MaximalMarginalRelevance(0.5).select(fused, 2)).hasSize(2);
    assertThat(new MaximalMarginalRelevance(0.5).select(fused.subList(0, 1), 5)).hasSize(1);
    assertThat(new MaximalMarginalRelevance(0.5).select(List.of(), 5)).isEmpty();
    assertThatThrownBy(() -> new MaximalMarginalRelevance(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MaximalMarginalRelevance(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A hit without a title, so that only the text counts in the similarity. */
  private static Hit hit(String id, String text, double score) {
    return Hit.of(new Chunk(id + "#0", id, "kb", 0, text, "", id + ".txt", List.of(), null, 0, text.length(),
        Acl.PUBLIC, Set.of()), score);
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.chunk().documentId()).toList();
  }
}
