package dev.ragkb.retrieval.fusion;

import dev.ragkb.core.Hit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a chunk scores the sum of
 * {@code 1 / (k + rank)} over the lists it appears in, rank counted from 1. Chunks are identified by
 * chunk id. Returns new hits; the inputs are not changed.
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

  /** {@inheritDoc} Ties keep the order of first appearance (list order, then rank), so the result is deterministic. */
  @Override
  public List<Hit> fuse(List<List<Hit>> rankings, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be > 0: " + topK);
    }
    Map<String, Hit> first = new LinkedHashMap<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    for (List<Hit> ranking : rankings) {
      for (int i = 0; i < ranking.size(); i++) {
        Hit hit = ranking.get(i);
        String id = hit.chunk().id();
        first.putIfAbsent(id, hit);
        scores.merge(id, 1.0 / (k + i + 1), Double::sum);
      }
    }
    return scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(topK)
        .map(e -> first.get(e.getKey()).withScore(e.getValue()))
        .toList();
  }
}
