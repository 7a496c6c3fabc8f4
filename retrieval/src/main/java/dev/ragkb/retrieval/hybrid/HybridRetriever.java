package dev.ragkb.retrieval.hybrid;

import dev.ragkb.core.Hit;
import dev.ragkb.core.HybridIndex;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import dev.ragkb.retrieval.fusion.Fusion;
import java.util.List;
import java.util.Objects;

/**
 * BM25 and kNN over one knowledge base, fused. The query is embedded with the knowledge base's own
 * model, the one its chunks were embedded with. The filter (ACL, documents, tags) goes into both
 * index queries, so every returned hit is readable by the caller. Thread-safe.
 */
public final class HybridRetriever implements Retriever {

  /**
   * @param candidates how many hits each retriever contributes before fusion; deeper lists let a
   *     chunk ranked moderately by both beat one ranked high by one
   */
  public record Settings(int candidates) {
    public Settings {
      if (candidates < 1) {
        throw new IllegalArgumentException("candidates must be > 0: " + candidates);
      }
    }
  }

  /** What to retrieve, and how to rank it (resolved from the request, its knowledge base and the service). */
  public record Request(String kbId, String query, int topK, SearchFilter filter, Ranking ranking) {
    public Request {
      Objects.requireNonNull(kbId, "kbId");
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(ranking, "ranking");
      if (topK < 1) {
        throw new IllegalArgumentException("topK must be > 0: " + topK);
      }
    }

    public Request withTopK(int newTopK) {
      return new Request(kbId, query, newTopK, filter, ranking);
    }
  }

  private final TextIndex text;
  private final VectorIndex vectors;
  private final KnowledgeBaseEmbeddings embeddings;
  private final Settings settings;

  public HybridRetriever(TextIndex text, VectorIndex vectors, KnowledgeBaseEmbeddings embeddings, Settings settings) {
    this.text = text;
    this.vectors = vectors;
    this.embeddings = embeddings;
    this.settings = settings;
  }

  /** Fused hits in descending relevance, at most {@code request.topK()}. */
  @Override
  public List<Hit> retrieve(Request request) {
    int depth = Math.max(settings.candidates(), request.topK());
    Ranking ranking = request.ranking();
    Fusion fusion = ranking.fuser();
    int fused = ranking.fusedDepth(request.topK(), depth);
    var textQuery = new TextQuery(request.kbId(), request.query(), depth, request.filter());
    float[] q = embeddings.forKnowledgeBase(request.kbId()).embedQuery(request.query());
    var vectorQuery = new VectorQuery(request.kbId(), q, depth, request.filter());
    // One index holding both sides fuses before it reads any chunk: only the winners are loaded.
    if (text == vectors && text instanceof HybridIndex both) {
      return ranking.diversify(both.searchHybrid(textQuery, vectorQuery,
          (bm25, knn) -> fusion.fuseRanked(List.of(bm25, knn), fused)), request.topK());
    }
    return ranking.diversify(
        fusion.fuse(List.of(text.searchText(textQuery), vectors.searchVectors(vectorQuery)), fused), request.topK());
  }
}
