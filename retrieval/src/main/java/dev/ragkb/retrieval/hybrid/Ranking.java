package dev.ragkb.retrieval.hybrid;

import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.Hit;
import dev.ragkb.core.RetrievalSettings;
import dev.ragkb.retrieval.diversity.MaximalMarginalRelevance;
import dev.ragkb.retrieval.fusion.Fusion;
import dev.ragkb.retrieval.fusion.NormalizedLinearFusion;
import dev.ragkb.retrieval.fusion.NormalizedLinearFusion.Normalization;
import dev.ragkb.retrieval.fusion.ReciprocalRankFusion;
import java.util.List;
import java.util.Objects;

/**
 * How one search ranks, every choice made: the fusion of the BM25 and kNN lists ({@link #fuser()}),
 * and the optional diversification of the fused list ({@link #diversify}). The service's configured defaults are one; a search's own is
 * {@link #under resolved} from its request and its knowledge base, in that order of precedence.
 *
 * @param fusion how the lists merge
 * @param vectorWeight the kNN weight of linear fusion, in [0, 1]; ignored by RRF
 * @param rrfK the k of reciprocal rank fusion, at least 1; ignored by linear fusion
 * @param mmrLambda maximal marginal relevance's lambda in [0, 1]; 1 leaves the fused order as it is
 */
public record Ranking(FusionMethod fusion, double vectorWeight, int rrfK, double mmrLambda) {

  public Ranking {
    Objects.requireNonNull(fusion, "fusion");
    new RetrievalSettings(fusion, vectorWeight, rrfK, mmrLambda); // checks the ranges
  }

  /**
   * These defaults overridden by the knowledge base's settings, and those by the request's, field by
   * field.
   */
  public Ranking under(RetrievalSettings knowledgeBase, RetrievalSettings request) {
    var s = request.over(knowledgeBase).over(new RetrievalSettings(fusion, vectorWeight, rrfK, mmrLambda));
    return new Ranking(Objects.requireNonNull(s.fusion()), s.vectorWeight(), s.rrfK(), s.mmrLambda());
  }

  /** Whether maximal marginal relevance reorders the fused list. */
  public boolean diversifies() {
    return mmrLambda < 1;
  }

  /** The fusion these settings choose. */
  public Fusion fuser() {
    return switch (fusion) {
      case RRF -> new ReciprocalRankFusion(rrfK);
      case LINEAR_MIN_MAX -> NormalizedLinearFusion.ofVectorWeight(vectorWeight, Normalization.MIN_MAX);
      case LINEAR_Z_SCORE -> NormalizedLinearFusion.ofVectorWeight(vectorWeight, Normalization.Z_SCORE);
    };
  }

  /**
   * How many fused hits to keep: {@code topK}, or when diversifying the {@code pool} that maximal
   * marginal relevance picks from, whose chunks must then all be read (their text is what it compares).
   *
   * @param pool how many fused hits diversification chooses from; a hit fused below it would hardly be picked
   */
  public int fusedDepth(int topK, int pool) {
    return diversifies() ? Math.max(pool, topK) : topK;
  }

  /**
   * @param fused hits by descending fused score, {@link #fusedDepth} of them; not changed
   * @return the first {@code topK}, picked by maximal marginal relevance when {@link #diversifies()}
   */
  public List<Hit> diversify(List<Hit> fused, int topK) {
    if (!diversifies()) {
      return fused.size() <= topK ? fused : fused.subList(0, topK);
    }
    return new MaximalMarginalRelevance(mmrLambda).select(fused, topK);
  }
}
