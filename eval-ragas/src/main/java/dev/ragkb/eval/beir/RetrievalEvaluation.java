package dev.ragkb.eval.beir;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import dev.ragkb.eval.metrics.RankingMetrics;
import dev.ragkb.retrieval.diversity.MaximalMarginalRelevance;
import dev.ragkb.retrieval.fusion.Fusion;
import dev.ragkb.retrieval.fusion.NormalizedLinearFusion;
import dev.ragkb.retrieval.fusion.NormalizedLinearFusion.Normalization;
import dev.ragkb.retrieval.fusion.ReciprocalRankFusion;
import dev.ragkb.retrieval.hybrid.Ranking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Runs every query of a BEIR data set through the real indexes once, then scores each retrieval
 * configuration on the same candidate lists: BM25 alone, kNN alone, RRF, normalized linear
 * fusion, and maximal marginal relevance over the default fusion. Each retriever returns as many
 * candidates as the service's own retrieval does, so the default configuration's figures are those
 * of the service. Chunk rankings become document rankings by each document's best chunk. Linear
 * fusion's weight and MMR's lambda are chosen by two-fold cross-validation (chosen on one half of
 * the queries, scored on the other, and swapped), so their figures are not tuned on the queries
 * they report.
 */
public final class RetrievalEvaluation {

  /** The vector weights tried by cross-validation. */
  static final List<Double> ALPHAS = IntStream.rangeClosed(0, 20).mapToObj(i -> i / 20.0).toList();

  /**
   * MMR lambdas tried by cross-validation, from 1 (MMR off, so the folds may choose not to
   * diversify) down, so that a tie goes to the milder setting.
   */
  static final List<Double> LAMBDAS = IntStream.rangeClosed(10, 20).mapToObj(i -> (30 - i) / 20.0).toList();

  /** Metrics of one configuration. */
  public record Scores(double ndcg10, double recall100, double mrr10) {}

  /**
   * One parameter under cross-validation: the value each fold chose, and the held-out score.
   *
   * @param config the configuration whose parameter was chosen
   * @param parameter its name: {@code alpha} (linear fusion's vector weight) or {@code lambda} (MMR's)
   */
  public record CrossValidated(String config, String parameter, double chosenOnFold0, double chosenOnFold1,
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
   * @param defaults the ranking the service uses by default
   */
  public Report evaluate(String kbId, BeirDataset data, Ranking defaults) {
    String defaultName = name(defaults);
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
      cv.add(crossValidate(candidates, data, configs, name, "alpha", ALPHAS, alpha -> linear(alpha, n)));
    }
    Fusion fusion = defaults.fuser();
    String fusionName = name(new Ranking(defaults.fusion(), defaults.vectorWeight(), defaults.rrfK(), 1));
    cv.add(crossValidate(candidates, data, configs, fusionName + "+mmr", "lambda", LAMBDAS,
        lambda -> mmr(fusion, lambda)));
    Scores defaultScores = score(candidates, data,
        defaults.diversifies() ? mmr(fusion, defaults.mmrLambda()) : fused(fusion));
    configs.put("default (" + defaultName + ")", defaultScores);
    return new Report(defaultName, defaultScores, configs, cv);
  }

  /** A ranking's configuration name, e.g. {@code hybrid-linear-min-max@0.6+mmr@0.8}. */
  public static String name(Ranking r) {
    return "hybrid-" + r.fusion().wireName()
        + (r.fusion() == FusionMethod.RRF ? "@k" + r.rrfK() : "@" + r.vectorWeight())
        + (r.diversifies() ? "+mmr@" + r.mmrLambda() : "");
  }

  /**
   * Chooses the parameter on each fold, scores each fold with the value chosen on the other, and
   * adds the chosen values' scores on all queries to {@code configs}.
   */
  private CrossValidated crossValidate(List<Candidates> candidates, BeirDataset data, Map<String, Scores> configs,
      String name, String parameter, List<Double> grid, DoubleFunction<Function<Candidates, List<Hit>>> ranking) {
    List<Candidates> fold0 = fold(candidates, 0);
    List<Candidates> fold1 = fold(candidates, 1);
    double p0 = best(grid, fold0, data, ranking);
    double p1 = best(grid, fold1, data, ranking);
    double heldOut = (ndcgSum(fold1, data, ranking.apply(p0)) + ndcgSum(fold0, data, ranking.apply(p1)))
        / candidates.size();
    for (double p : new LinkedHashSet<>(List.of(p0, p1))) {
      configs.put(name + "@" + p, score(candidates, data, ranking.apply(p)));
    }
    return new CrossValidated(name, parameter, p0, p1, heldOut);
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

  /**
   * As the service diversifies, MMR reorders the first {@code depth} fused hits; the fused hits
   * below them follow in fused order, so that Recall@100 counts as deep a list as the other configurations.
   */
  private Function<Candidates, List<Hit>> mmr(Fusion fusion, double lambda) {
    var mmr = new MaximalMarginalRelevance(lambda);
    return c -> {
      List<Hit> all = fusion.fuse(List.of(c.bm25(), c.knn()), 2 * depth);
      List<Hit> pool = all.subList(0, Math.min(depth, all.size()));
      List<Hit> out = new ArrayList<>(mmr.select(pool, depth));
      out.addAll(all.subList(pool.size(), all.size()));
      return out;
    };
  }

  /** The grid's value with the highest nDCG@10 on the fold; the first such value in grid order on a tie. */
  private static double best(List<Double> grid, List<Candidates> fold, BeirDataset data,
      DoubleFunction<Function<Candidates, List<Hit>>> ranking) {
    double best = -1;
    double bestValue = grid.getFirst();
    for (double value : grid) {
      double s = ndcgSum(fold, data, ranking.apply(value));
      if (s > best) {
        best = s;
        bestValue = value;
      }
    }
    return bestValue;
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
