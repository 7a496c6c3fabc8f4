package dev.ragkb.core;

import java.util.Objects;

/**
 * A full-text (BM25) query against one knowledge base.
 *
 * @param kbId knowledge base
 * @param text the user's words
 * @param topK how many hits at most; at least 1
 * @param filter applied inside the index query
 */
public record TextQuery(String kbId, String text, int topK, SearchFilter filter) {

  public TextQuery {
    Objects.requireNonNull(kbId, "kbId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(filter, "filter");
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be > 0: " + topK);
    }
  }
}
