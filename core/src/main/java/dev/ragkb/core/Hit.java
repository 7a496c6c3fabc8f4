package dev.ragkb.core;

import java.util.Objects;

/**
 * A retrieved chunk and its score. Scores are only comparable within one result list.
 *
 * @param chunk the passage
 * @param score higher is better
 */
public record Hit(Chunk chunk, double score) {

  public Hit {
    Objects.requireNonNull(chunk, "chunk");
  }

  public static Hit of(Chunk chunk, double score) {
    return new Hit(chunk, score);
  }

  public Hit withScore(double newScore) {
    return new Hit(chunk, newScore);
  }
}
