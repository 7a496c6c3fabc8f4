package dev.ragkb.indexing.vector;

/**
 * Scales embeddings to unit length, so that the dot product the indexes compute equals cosine
 * similarity whatever the model or service returned.
 */
public final class UnitVectors {

  private UnitVectors() {}

  /** Scales {@code v} in place to length 1 and returns it; a zero vector is left as it is. */
  public static float[] normalizeInPlace(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }
}
