package dev.ragkb.core;

import java.util.List;

/**
 * An index that holds a knowledge base's text and vectors together and can run both searches on one
 * snapshot, reading stored chunks only for the candidates that survive fusion. Reading and
 * decompressing stored chunks is most of a search's own cost, and fusion keeps a tenth of them.
 */
public interface HybridIndex {

  /**
   * Runs the text and the vector query (same knowledge base, same filter) and hands both rankings,
   * keyed by an opaque document number valid only during this call, to {@code fusion}.
   *
   * @return the hits {@code fusion} selected, in its order and with its scores
   */
  List<Hit> searchHybrid(TextQuery text, VectorQuery vector, CandidateFusion fusion);

  /** Picks which candidates to read. */
  @FunctionalInterface
  interface CandidateFusion {

    /**
     * @param text the text ranking, best first
     * @param vector the vector ranking, best first
     * @return the chosen keys with their fused scores, best first
     */
    List<Ranked<Integer>> select(List<Ranked<Integer>> text, List<Ranked<Integer>> vector);
  }
}
