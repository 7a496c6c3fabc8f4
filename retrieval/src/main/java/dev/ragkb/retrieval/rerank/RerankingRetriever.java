package dev.ragkb.retrieval.rerank;

import dev.ragkb.core.Hit;
import dev.ragkb.core.Reranker;
import dev.ragkb.core.RetriableException;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Retriever;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrieves more candidates than asked for and lets the reranker pick the best. When the reranker
 * is unavailable the fused ranking is returned as it is: a slower or absent reranker degrades
 * ranking quality, never the answer.
 */
public final class RerankingRetriever implements Retriever {

  private static final Logger log = LoggerFactory.getLogger(RerankingRetriever.class);

  private final Retriever first;
  private final Reranker reranker;
  private final int candidates;

  /** @param candidates how many first-stage hits the reranker scores */
  public RerankingRetriever(Retriever first, Reranker reranker, int candidates) {
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be > 0: " + candidates);
    }
    this.first = first;
    this.reranker = reranker;
    this.candidates = candidates;
  }

  @Override
  public List<Hit> retrieve(HybridRetriever.Request request) {
    int depth = Math.max(candidates, request.topK());
    List<Hit> hits = first.retrieve(request.withTopK(depth));
    try {
      return reranker.rerank(request.query(), hits, request.topK());
    } catch (RetriableException e) {
      log.warn("reranker unavailable, keeping the fused ranking: {}", e.getMessage());
      return hits.subList(0, Math.min(request.topK(), hits.size()));
    }
  }
}
