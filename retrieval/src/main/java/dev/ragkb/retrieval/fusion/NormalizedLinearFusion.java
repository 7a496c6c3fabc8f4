package dev.ragkb.retrieval.fusion;

import dev.ragkb.core.Ranked;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalized linear combination: each list's scores are rescaled to a common range, then a chunk
 * scores the weighted sum of its rescaled scores (0 where a list lacks it). Unlike rank fusion it
 * keeps how far apart the scores are, which Vespa's NFCorpus study found better than RRF (0.3423
 * vs 0.3233 nDCG@10).
 */
public final class NormalizedLinearFusion implements Fusion {

  /** How one list's scores are rescaled. */
  public enum Normalization {
    /** (s - min) / (max - min): the best becomes 1, the worst of the list 0. */
    MIN_MAX,
    /** (s - mean) / standard deviation, shifted so the list's lowest is 0. */
    Z_SCORE
  }

  private final List<Double> weights;
  private final Normalization normalization;

  /** @param weights one per list, in the order the lists are given; not all zero */
  public NormalizedLinearFusion(List<Double> weights, Normalization normalization) {
    if (weights.isEmpty() || weights.stream().anyMatch(w -> w < 0) || weights.stream().allMatch(w -> w == 0)) {
      throw new IllegalArgumentException("weights must be non-negative and not all zero: " + weights);
    }
    this.weights = List.copyOf(weights);
    this.normalization = normalization;
  }

  /** Two lists weighted {@code 1 - alpha} (text) and {@code alpha} (vectors). */
  public static NormalizedLinearFusion ofVectorWeight(double alpha, Normalization normalization) {
    if (alpha < 0 || alpha > 1) {
      throw new IllegalArgumentException("alpha must lie in [0, 1]: " + alpha);
    }
    return new NormalizedLinearFusion(List.of(1 - alpha, alpha), normalization);
  }

  @Override
  public <K> List<Ranked<K>> fuseRanked(List<List<Ranked<K>>> rankings, int topK) {
    if (rankings.size() != weights.size()) {
      throw new IllegalArgumentException(rankings.size() + " lists but " + weights.size() + " weights");
    }
    Map<K, Double> scores = new LinkedHashMap<>();
    for (int l = 0; l < rankings.size(); l++) {
      List<Ranked<K>> ranking = rankings.get(l);
      double[] normalized = normalize(ranking);
      for (int i = 0; i < ranking.size(); i++) {
        scores.merge(ranking.get(i).key(), weights.get(l) * normalized[i], Double::sum);
      }
    }
    return Fusion.best(scores, topK);
  }

  private double[] normalize(List<? extends Ranked<?>> ranking) {
    double[] s = ranking.stream().mapToDouble(Ranked::score).toArray();
    if (s.length == 0) {
      return s;
    }
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double sum = 0;
    for (double x : s) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    double[] out = new double[s.length];
    switch (normalization) {
      case MIN_MAX -> {
        double range = max - min;
        for (int i = 0; i < s.length; i++) {
          out[i] = range == 0 ? 1 : (s[i] - min) / range;
        }
      }
      case Z_SCORE -> {
        double mean = sum / s.length;
        double var = 0;
        for (double x : s) {
          var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / s.length);
        for (int i = 0; i < s.length; i++) {
          out[i] = sd == 0 ? 1 : (s[i] - min) / sd;
        }
      }
    }
    return out;
  }
}
