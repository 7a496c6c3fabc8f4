package dev.ragkb.core;

import java.util.Objects;

/**
 * A nearest-neighbour query against one knowledge base.
 *
 * @param kbId knowledge base
 * @param vector the query embedding, unit length
 * @param topK how many hits at most; at least 1
 * @param filter applied inside the index query, so the top k stay full
 */
public record VectorQuery(String kbId, float[] vector, int topK, SearchFilter filter) {

  public VectorQuery {
    Objects.requireNonNull(kbId, "kbId");
    Objects.requireNonNull(filter, "filter");
    vector = vector.clone();
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be > 0: " + topK);
    }
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }
}
