package dev.ragkb.retrieval.fusion;

import dev.ragkb.core.Ranked;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a chunk scores the sum of
 * {@code 1 / (k + rank)} over the lists it appears in, rank counted from 1.
 */
public final class ReciprocalRankFusion implements Fusion {

  /** k = 60 from the paper; raising it flattens the difference between ranks. */
  public static final int DEFAULT_K = 60;

  private final int k;

  public ReciprocalRankFusion(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0: " + k);
    }
    this.k = k;
  }

  @Override
  public <K> List<Ranked<K>> fuseRanked(List<List<Ranked<K>>> rankings, int topK) {
    Map<K, Double> scores = new LinkedHashMap<>();
    for (List<Ranked<K>> ranking : rankings) {
      for (int i = 0; i < ranking.size(); i++) {
        scores.merge(ranking.get(i).key(), 1.0 / (k + i + 1), Double::sum);
      }
    }
    return Fusion.best(scores, topK);
  }
}
