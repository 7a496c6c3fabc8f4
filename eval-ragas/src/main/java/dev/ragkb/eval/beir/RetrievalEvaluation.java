package dev.ragkb.eval.beir;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import dev.ragkb.eval.metrics.RankingMetrics;
import dev.ragkb.retrieval.fusion.Fusion;
import dev.ragkb.retrieval.fusion.NormalizedLinearFusion;
import dev.ragkb.retrieval.fusion.NormalizedLinearFusion.Normalization;
import dev.ragkb.retrieval.fusion.ReciprocalRankFusion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs every query of a BEIR data set through the real indexes once, then scores each retrieval
 * configuration on the same candidate lists: BM25 alone, kNN alone, RRF, and normalized linear
 * fusion. Each retriever returns as many candidates as the service's own retrieval does, so the
 * default configuration's figures are those of the service. Chunk rankings become document
 * rankings by each document's best chunk. Linear fusion's
 * weight is chosen by two-fold cross-validation (chosen on one half of the queries, scored on the
 * other, and swapped), so its figure is not tuned on the queries it reports.
 */
public final class RetrievalEvaluation {

  /** The vector weights tried by cross-validation. */
  static final List<Double> ALPHAS = java.util.stream.IntStream.rangeClosed(0, 20).mapToObj(i -> i / 20.0).toList();

  /** Metrics of one configuration. */
  public record Scores(double ndcg10, double recall100, double mrr10) {}

  /** Linear fusion under cross-validation: the weight each fold chose, and the held-out score. */
  public record CrossValidated(Normalization normalization, double alphaChosenOnFold0, double alphaChosenOnFold1,
      double heldOutNdcg10) {}

  /** Everything one run measured. */
  public record Report(String defaultConfig, Scores defaults, Map<String, Scores> configs, List<CrossValidated> crossValidation) {}

  private record Candidates(String queryId, List<Hit> bm25, List<Hit> knn) {}

  private final TextIndex text;
  private final VectorIndex vectors;
  private final EmbeddingModel embeddings;
  private final int depth;

  /** @param depth candidate chunks each retriever returns per query, as in the service; at least 100 for Recall@100 */
  public RetrievalEvaluation(TextIndex text, VectorIndex vectors, EmbeddingModel embeddings, int depth) {
    this.text = text;
    this.vectors = vectors;
    this.embeddings = embeddings;
    this.depth = depth;
  }

  /**
   * @param kbId the knowledge base holding the data set's corpus, document ids equal to corpus ids
   * @param defaultName the name of the service's default configuration
   * @param defaultFusion the fusion the service uses by default
   */
  public Report evaluate(String kbId, BeirDataset data, String defaultName, Fusion defaultFusion) {
    SearchFilter all = SearchFilter.of(new Principal.Admin());
    List<Candidates> candidates = new ArrayList<>();
    data.queries().forEach((id, q) -> candidates.add(new Candidates(id,
        text.searchText(new TextQuery(kbId, q, depth, all)),
        vectors.searchVectors(new VectorQuery(kbId, embeddings.embedQuery(q), depth, all)))));

    Map<String, Scores> configs = new LinkedHashMap<>();
    configs.put("bm25", score(candidates, data, Candidates::bm25));
    configs.put("dense", score(candidates, data, Candidates::knn));
    configs.put("hybrid-rrf", score(candidates, data, fused(new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K))));
    List<CrossValidated> cv = new ArrayList<>();
    for (Normalization n : Normalization.values()) {
      String name = "hybrid-linear-" + n.name().toLowerCase(Locale.ROOT).replace('_', '-');
      List<Candidates> fold0 = fold(candidates, 0);
      List<Candidates> fold1 = fold(candidates, 1);
      double a0 = bestAlpha(fold0, data, n);
      double a1 = bestAlpha(fold1, data, n);
      // each fold is scored with the weight chosen on the other fold
      double heldOut = (ndcgSum(fold1, data, linear(a0, n)) + ndcgSum(fold0, data, linear(a1, n))) / candidates.size();
      cv.add(new CrossValidated(n, a0, a1, heldOut));
      for (double alpha : new LinkedHashSet<>(List.of(a0, a1))) {
        configs.put(name + "@" + alpha, score(candidates, data, linear(alpha, n)));
      }
    }
    Scores defaults = score(candidates, data, fused(defaultFusion));
    configs.put("default (" + defaultName + ")", defaults);
    return new Report(defaultName, defaults, configs, cv);
  }

  private static List<Candidates> fold(List<Candidates> all, int fold) {
    List<Candidates> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i % 2 == fold) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  private Function<Candidates, List<Hit>> fused(Fusion fusion) {
    return c -> fusion.fuse(List.of(c.bm25(), c.knn()), 2 * depth);
  }

  private Function<Candidates, List<Hit>> linear(double alpha, Normalization n) {
    return fused(NormalizedLinearFusion.ofVectorWeight(alpha, n));
  }

  private double bestAlpha(List<Candidates> fold, BeirDataset data, Normalization n) {
    double best = -1;
    double bestAlpha = 0;
    for (double alpha : ALPHAS) {
      double s = ndcgSum(fold, data, linear(alpha, n));
      if (s > best) {
        best = s;
        bestAlpha = alpha;
      }
    }
    return bestAlpha;
  }

  private static double ndcgSum(List<Candidates> queries, BeirDataset data, Function<Candidates, List<Hit>> ranking) {
    double sum = 0;
    for (Candidates c : queries) {
      sum += RankingMetrics.ndcg(documents(ranking.apply(c)), data.qrels().get(c.queryId()), 10);
    }
    return sum;
  }

  private static Scores score(List<Candidates> queries, BeirDataset data, Function<Candidates, List<Hit>> ranking) {
    double ndcg = 0;
    double recall = 0;
    double mrr = 0;
    for (Candidates c : queries) {
      List<String> docs = documents(ranking.apply(c));
      Map<String, Integer> judged = data.qrels().get(c.queryId());
      ndcg += RankingMetrics.ndcg(docs, judged, 10);
      recall += RankingMetrics.recall(docs, judged, 100);
      mrr += RankingMetrics.reciprocalRank(docs, judged, 10);
    }
    int n = queries.size();
    return new Scores(ndcg / n, recall / n, mrr / n);
  }

  /** A document ranks where its best chunk ranks. */
  static List<String> documents(List<Hit> chunks) {
    LinkedHashSet<String> docs = new LinkedHashSet<>();
    chunks.forEach(h -> docs.add(h.chunk().documentId()));
    return List.copyOf(docs);
  }
}
