package dev.ragkb.retrieval.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ragkb.core.Fixtures;
import dev.ragkb.core.Hit;
import dev.ragkb.core.TestSeed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

  private final ReciprocalRankFusion rrf = new ReciprocalRankFusion(60);

  private static Hit h(String id) {
    return Fixtures.hit(id, 0, "text " + id, 1.0);
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(x -> x.chunk().documentId()).toList();
  }

  @Test
  void scoresAreTheSumOfReciprocalRanks() {
    List<Hit> fused = rrf.fuse(List.of(List.of(h("a"), h("b")), List.of(h("b"), h("c"))), 10);
    assertThat(ids(fused)).containsExactly("b", "a", "c");
    assertThat(fused.get(0).score()).isEqualTo(1.0 / 62 + 1.0 / 61);
    assertThat(fused.get(1).score()).isEqualTo(1.0 / 61);
    assertThat(fused.get(2).score()).isEqualTo(1.0 / 62);
  }

  @Test
  void aChunkRankedFirstEverywhereWins() {
    List<Hit> fused = rrf.fuse(List.of(List.of(h("x"), h("a")), List.of(h("x"), h("b")), List.of(h("x"))), 1);
    assertThat(ids(fused)).containsExactly("x");
  }

  @Test
  void doesNotChangeTheInputHits() {
    Hit a = h("a");
    rrf.fuse(List.of(List.of(a)), 1);
    assertThat(a.score()).isEqualTo(1.0);
  }

  @Test
  void randomListsGiveNoDuplicatesASubsetOfTheUnionAndTheSameResultInAnyListOrder() {
    TestSeed seed = TestSeed.of("randomListsGiveNoDuplicatesASubsetOfTheUnionAndTheSameResultInAnyListOrder");
    Random random = seed.random();
    for (int round = 0; round < 200; round++) {
      List<List<Hit>> lists = new ArrayList<>();
      Set<String> union = new HashSet<>();
      for (int l = 0; l < 1 + random.nextInt(3); l++) {
        List<String> pool = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f", "g"));
        Collections.shuffle(pool, random);
        List<String> chosen = pool.subList(0, random.nextInt(pool.size()));
        union.addAll(chosen);
        lists.add(chosen.stream().map(ReciprocalRankFusionTest::h).toList());
      }
      int topK = 1 + random.nextInt(8);
      List<Hit> fused = rrf.fuse(lists, topK);
      List<List<Hit>> reversed = new ArrayList<>(lists);
      Collections.reverse(reversed);

      assertThat(ids(fused)).as("%s", seed).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(topK);
      assertThat(union).as("%s", seed).containsAll(ids(fused));
      // Ties may order differently and sums round differently, so compare the scores, within rounding.
      List<Hit> other = rrf.fuse(reversed, topK);
      assertThat(other).as("%s", seed).hasSameSizeAs(fused);
      for (int i = 0; i < fused.size(); i++) {
        assertThat(other.get(i).score()).as("%s", seed).isCloseTo(fused.get(i).score(), within(1e-12));
      }
    }
  }

  @Test
  void rejectsANonPositiveTopK() {
    assertThatThrownBy(() -> rrf.fuse(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
