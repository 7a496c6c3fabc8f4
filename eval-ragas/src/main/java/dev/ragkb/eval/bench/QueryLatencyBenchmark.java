package dev.ragkb.eval.bench;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.indexing.lucene.RawLuceneBaseline;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import java.util.Arrays;
import java.util.List;

/**
 * Latency of the full hybrid retrieval against the least work the same answer needs (embed the
 * query, one plain BM25 and one plain kNN search at the same depth), measured interleaved query by
 * query in one run so machine noise hits both alike. One untimed pass warms the JIT and caches.
 */
public final class QueryLatencyBenchmark {

  /** Latencies in milliseconds; {@code ratio} is p95 over raw p95. */
  public record Result(int queries, int rounds, double p50Ms, double p95Ms, double rawP50Ms, double rawP95Ms, double ratio) {}

  private final Retriever retriever;
  private final Ranking ranking;
  private final RawLuceneBaseline raw;
  private final EmbeddingModel embeddings;
  private final int depth;

  /**
   * @param ranking the service's default ranking, as a search that sets none gets it
   * @param depth the candidates per retriever the hybrid path uses, so the baseline does the same searches
   */
  public QueryLatencyBenchmark(Retriever retriever, Ranking ranking, RawLuceneBaseline raw, EmbeddingModel embeddings,
      int depth) {
    this.retriever = retriever;
    this.ranking = ranking;
    this.raw = raw;
    this.embeddings = embeddings;
    this.depth = depth;
  }

  public Result run(String kbId, List<String> queries, int rounds, int topK) {
    SearchFilter all = SearchFilter.of(new Principal.Admin());
    long sink = 0;
    for (String q : queries) {
      sink += once(kbId, q, all, topK, new double[1], new double[1]);
    }
    double[] hybrid = new double[queries.size() * rounds];
    double[] baseline = new double[queries.size() * rounds];
    int i = 0;
    for (int r = 0; r < rounds; r++) {
      for (String q : queries) {
        double[] h = new double[1];
        double[] b = new double[1];
        sink += once(kbId, q, all, topK, h, b);
        hybrid[i] = h[0];
        baseline[i] = b[0];
        i++;
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.err.print(""); // keeps the results observable to the JIT
    }
    double p95 = percentile(hybrid, 95);
    double rawP95 = percentile(baseline, 95);
    return new Result(queries.size(), rounds, percentile(hybrid, 50), p95, percentile(baseline, 50), rawP95, p95 / rawP95);
  }

  private long once(String kbId, String q, SearchFilter all, int topK, double[] hybridMs, double[] rawMs) {
    long t0 = System.nanoTime();
    int found = retriever.retrieve(new HybridRetriever.Request(kbId, q, topK, all, ranking)).size();
    long t1 = System.nanoTime();
    found += raw.search(kbId, q, embeddings.embedQuery(q), depth);
    long t2 = System.nanoTime();
    hybridMs[0] = (t1 - t0) / 1e6;
    rawMs[0] = (t2 - t1) / 1e6;
    return found;
  }

  static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
