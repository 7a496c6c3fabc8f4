package dev.ragkb.core;

import java.util.List;

/**
 * Turns text into unit-length vectors. Batch-first; implementations are thread-safe.
 */
public interface EmbeddingModel {

  /** The model's name, recorded with every knowledge base that uses it. */
  String name();

  /** Length of every vector this model returns. */
  int dimension();

  /**
   * Embeds passages (the indexed side).
   *
   * @return one vector per input, in input order; empty for empty input
   * @throws RetriableException when a remote model is unavailable
   */
  List<float[]> embedPassages(List<String> passages);

  /** Embeds a query, with the query instruction the model card prescribes, if any. */
  default float[] embedQuery(String query) {
    return embedPassages(List.of(query)).getFirst();
  }
}
