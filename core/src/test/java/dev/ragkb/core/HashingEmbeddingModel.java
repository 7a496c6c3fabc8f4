package dev.ragkb.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for a real embedding model: a bag of hashed lower-case words, normalised.
 * Texts that share words are similar; texts that share none are orthogonal.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {

  private final int dimension;

  public HashingEmbeddingModel(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public String name() {
    return "hashing-" + dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    return passages.stream().map(this::embed).toList();
  }

  private float[] embed(String text) {
    float[] v = new float[dimension];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        int h = java.util.Arrays.hashCode(word.getBytes(StandardCharsets.UTF_8));
        v[Math.floorMod(h, dimension)] += 1f;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1f;
      return v;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dimension; i++) {
      v[i] *= inv;
    }
    return v;
  }
}
