package dev.ragkb.retrieval.hybrid;

import dev.ragkb.core.Hit;
import java.util.List;

/** Finds the chunks that answer a query, within the request's filter. */
@FunctionalInterface
public interface Retriever {

  /** Hits in descending relevance, at most {@code request.topK()}, all accepted by the request's filter. Thread-safe. */
  List<Hit> retrieve(HybridRetriever.Request request);
}
