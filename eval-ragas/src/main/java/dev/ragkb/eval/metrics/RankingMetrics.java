package dev.ragkb.eval.metrics;

import java.util.List;
import java.util.Map;

/**
 * Per-query ranking metrics as trec_eval defines them ({@code ndcg_cut}, {@code recall},
 * {@code recip_rank} cut at k): graded gains are the judged relevance values, the discount is
 * {@code log2(rank + 1)}, and judgements of 0 or less count as not relevant.
 */
public final class RankingMetrics {

  private RankingMetrics() {}

  /**
   * nDCG@k: the discounted gain of the top k over that of the ideal ordering of the judgements.
   *
   * @param ranked document ids, best first, no duplicates
   * @param judged relevance per document id; missing means 0
   * @return in [0, 1]; 0 when nothing is judged relevant
   */
  public static double ndcg(List<String> ranked, Map<String, Integer> judged, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int rel = judged.getOrDefault(ranked.get(i), 0);
      if (rel > 0) {
        dcg += rel / log2(i + 2);
      }
    }
    List<Integer> ideal = judged.values().stream().filter(r -> r > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** Recall@k: the share of relevant documents found in the top k; 0 when none is relevant. */
  public static double recall(List<String> ranked, Map<String, Integer> judged, int k) {
    long relevant = judged.values().stream().filter(r -> r > 0).count();
    if (relevant == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(id -> judged.getOrDefault(id, 0) > 0).count();
    return (double) found / relevant;
  }

  /** MRR@k: 1 / rank of the first relevant document in the top k, else 0. */
  public static double reciprocalRank(List<String> ranked, Map<String, Integer> judged, int k) {
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (judged.getOrDefault(ranked.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
