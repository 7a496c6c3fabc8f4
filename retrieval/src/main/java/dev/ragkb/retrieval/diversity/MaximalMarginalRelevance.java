package dev.ragkb.retrieval.diversity;

import dev.ragkb.core.Hit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998): picks hits one at a time, each
 * time the candidate with the highest {@code lambda * relevance - (1 - lambda) * redundancy}, where
 * redundancy is its highest similarity to a hit already picked. Near-duplicates of a picked hit (the
 * same paragraph in two documents, overlapping chunks) thus move down in favour of hits that add
 * something.
 *
 * <p>Relevance is the fused score rescaled to [0, 1] over the candidates (min-max), because fused
 * scores have no common scale (RRF's are near 0.03, linear fusion's up to 1) and must be comparable
 * with a similarity in [0, 1] for lambda to mean the same under every fusion.
 *
 * <p>Similarity is the cosine of TF-IDF vectors over the candidates' analyzed terms ({@link
 * TermVectors}), not of their embeddings: hits carry no vectors, and making every index return them
 * (Lucene, Elasticsearch and Milvus alike) would grow each search response by 1.5 KB per candidate
 * for a step that is off by default. Term overlap is also what "repeats another hit" means to a
 * reader, and it works on every backend. Each candidate is compared as its title and text.
 *
 * <p>Hits keep their fused scores, which the generator's abstention threshold reads, so a
 * diversified list is not in descending score order. Immutable and thread-safe.
 */
public final class MaximalMarginalRelevance {

  private final double lambda;

  /** @param lambda in [0, 1]: 1 ranks by relevance alone, 0 by novelty alone */
  public MaximalMarginalRelevance(double lambda) {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must lie in [0, 1]: " + lambda);
    }
    this.lambda = lambda;
  }

  /**
   * @param candidates hits in descending relevance, scores comparable among them; not changed
   * @param topK how many to pick; at least 1
   * @return at most {@code topK} of the candidates in the order picked; ties go to the earlier candidate
   */
  public List<Hit> select(List<Hit> candidates, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be > 0: " + topK);
    }
    int n = candidates.size();
    if (lambda == 1 || n <= 1) {
      return List.copyOf(candidates.subList(0, Math.min(topK, n)));
    }
    double[] relevance = relevance(candidates);
    TermVectors vectors = TermVectors.of(candidates.stream()
        .map(h -> h.chunk().title() + "\n" + h.chunk().text()).toList());
    double[] redundancy = new double[n];
    boolean[] picked = new boolean[n];
    List<Hit> out = new ArrayList<>(Math.min(topK, n));
    while (out.size() < Math.min(topK, n)) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double score = lambda * relevance[i] - (1 - lambda) * redundancy[i];
        if (!picked[i] && score > bestScore) {
          best = i;
          bestScore = score;
        }
      }
      picked[best] = true;
      out.add(candidates.get(best));
      for (int i = 0; i < n; i++) {
        if (!picked[i]) {
          redundancy[i] = Math.max(redundancy[i], vectors.cosine(i, best));
        }
      }
    }
    return List.copyOf(out);
  }

  private static double[] relevance(List<Hit> candidates) {
    double[] s = candidates.stream().mapToDouble(Hit::score).toArray();
    double min = Arrays.stream(s).min().orElseThrow();
    double range = Arrays.stream(s).max().orElseThrow() - min;
    for (int i = 0; i < s.length; i++) {
      s[i] = range == 0 ? 1 : (s[i] - min) / range;
    }
    return s;
  }
}
