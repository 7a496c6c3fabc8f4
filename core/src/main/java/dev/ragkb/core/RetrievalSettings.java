package dev.ragkb.core;

import org.jspecify.annotations.Nullable;

/**
 * How a search ranks its hits, as chosen by one layer: a request, or a knowledge base. Each absent
 * (null) field is left to the layer below, so a request can change one knob of its knowledge base's
 * settings; the service's configuration is the bottom layer and sets every field. Values are
 * checked here, so a bad one never reaches a retriever.
 *
 * @param fusion how BM25 and kNN rankings merge
 * @param vectorWeight for linear fusion, the weight of the kNN scores in [0, 1]; BM25 gets 1 minus it
 * @param rrfK for reciprocal rank fusion, the k in {@code 1 / (k + rank)}; at least 1
 * @param mmrLambda maximal marginal relevance in [0, 1]: the share of relevance against novelty when
 *     picking each next hit; 1 ranks by relevance alone (diversification off), lower values push
 *     hits that repeat an earlier one down
 */
public record RetrievalSettings(
    @Nullable FusionMethod fusion, @Nullable Double vectorWeight, @Nullable Integer rrfK, @Nullable Double mmrLambda) {

  /** Sets nothing: every field comes from the layer below. */
  public static final RetrievalSettings INHERIT = new RetrievalSettings(null, null, null, null);

  /** @throws InvalidRequestException when a value is out of its range */
  public RetrievalSettings {
    checkUnitInterval("vectorWeight", vectorWeight);
    checkUnitInterval("mmrLambda", mmrLambda);
    if (rrfK != null && rrfK < 1) {
      throw new InvalidRequestException("rrfK must be at least 1: " + rrfK);
    }
  }

  /** These settings where set, {@code lower}'s elsewhere. */
  public RetrievalSettings over(RetrievalSettings lower) {
    return new RetrievalSettings(
        fusion != null ? fusion : lower.fusion,
        vectorWeight != null ? vectorWeight : lower.vectorWeight,
        rrfK != null ? rrfK : lower.rrfK,
        mmrLambda != null ? mmrLambda : lower.mmrLambda);
  }

  private static void checkUnitInterval(String name, @Nullable Double value) {
    // written so that NaN fails too
    if (value != null && !(value >= 0 && value <= 1)) {
      throw new InvalidRequestException(name + " must lie in [0, 1]: " + value);
    }
  }
}
