package dev.ragkb.retrieval.fusion;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Ranked;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges ranked lists from several retrievers into one ranking. Works on keys, so an index can fuse
 * its own document numbers before reading any chunk ({@link dev.ragkb.core.HybridIndex}).
 */
public interface Fusion {

  /**
   * @param rankings lists in descending relevance, in a fixed order of retrievers (BM25 first, then
   *     kNN); a key appears at most once per list
   * @param topK how many fused entries to return; at least 1
   * @return at most {@code topK} entries by descending fused score; ties keep the order of first
   *     appearance (list order, then rank), so the result is deterministic; the inputs are not changed
   */
  <K> List<Ranked<K>> fuseRanked(List<List<Ranked<K>>> rankings, int topK);

  /** {@link #fuseRanked} over hits, identifying chunks by chunk id; returns new hits. */
  default List<Hit> fuse(List<List<Hit>> rankings, int topK) {
    Map<String, Chunk> chunks = new HashMap<>();
    List<List<Ranked<String>>> keyed = new ArrayList<>(rankings.size());
    for (List<Hit> ranking : rankings) {
      List<Ranked<String>> ids = new ArrayList<>(ranking.size());
      for (Hit hit : ranking) {
        chunks.putIfAbsent(hit.chunk().id(), hit.chunk());
        ids.add(new Ranked<>(hit.chunk().id(), hit.score()));
      }
      keyed.add(ids);
    }
    return fuseRanked(keyed, topK).stream().map(r -> new Hit(chunks.get(r.key()), r.score())).toList();
  }

  /** The {@code topK} best of fused scores gathered in first-appearance order (a LinkedHashMap). */
  static <K> List<Ranked<K>> best(Map<K, Double> scores, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be > 0: " + topK);
    }
    return scores.entrySet().stream()
        .sorted(Map.Entry.<K, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(topK)
        .map(e -> new Ranked<>(e.getKey(), e.getValue()))
        .toList();
  }
}
