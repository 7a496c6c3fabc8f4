package dev.ragkb.retrieval.fusion;

import dev.ragkb.core.Hit;
import java.util.List;

/** Merges ranked lists from several retrievers into one ranking, identifying chunks by chunk id. */
@FunctionalInterface
public interface Fusion {

  /**
   * @param rankings lists in descending relevance, in a fixed order of retrievers (BM25 first, then
   *     kNN); a chunk appears at most once per list
   * @param topK how many fused hits to return; at least 1
   * @return at most {@code topK} new hits by descending fused score; the inputs are not changed
   */
  List<Hit> fuse(List<List<Hit>> rankings, int topK);
}
