package dev.ragkb.core;

import java.util.List;

/** Approximate nearest-neighbour retrieval. */
@FunctionalInterface
public interface VectorIndex {

  /**
   * Hits in descending similarity order, at most {@code query.topK()}, all accepted by the query's
   * filter (applied during the graph search, so the result stays full). Thread-safe.
   */
  List<Hit> searchVectors(VectorQuery query);
}
