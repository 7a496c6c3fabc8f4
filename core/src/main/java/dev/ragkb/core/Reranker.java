package dev.ragkb.core;

import java.util.List;

/** Re-scores retrieved passages against the query, typically with a cross-encoder. */
@FunctionalInterface
public interface Reranker {

  /**
   * @param candidates hits in retrieval order
   * @return at most {@code topK} of the candidates, new hits carrying the reranker's scores, best
   *     first; empty for empty input. Thread-safe.
   * @throws RetriableException when a remote reranker is unavailable or too slow
   */
  List<Hit> rerank(String query, List<Hit> candidates, int topK);
}
