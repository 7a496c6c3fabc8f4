package dev.ragkb.core;

import java.util.Objects;

/**
 * A chunk with its embedding.
 *
 * @param chunk the passage
 * @param vector its unit-length embedding
 */
public record EmbeddedChunk(Chunk chunk, float[] vector) {

  public EmbeddedChunk {
    Objects.requireNonNull(chunk, "chunk");
    vector = vector.clone();
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }
}
