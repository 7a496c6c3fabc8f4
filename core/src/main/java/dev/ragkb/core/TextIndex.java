package dev.ragkb.core;

import java.util.List;

/** Full-text retrieval. */
@FunctionalInterface
public interface TextIndex {

  /**
   * Hits in descending score order, at most {@code query.topK()}, all accepted by the query's
   * filter; empty for an unknown knowledge base or a query with no searchable terms. Thread-safe.
   */
  List<Hit> searchText(TextQuery query);
}
