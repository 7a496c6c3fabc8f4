package dev.ragkb.gateway.api;

import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.gateway.api.ApiModels.HitView;
import dev.ragkb.gateway.api.ApiModels.SearchBody;
import dev.ragkb.gateway.api.ApiModels.SearchResult;
import dev.ragkb.gateway.config.RetrievalProperties;
import dev.ragkb.retrieval.highlight.HitHighlighter;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Retriever;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Hybrid search over one knowledge base, limited to what the caller may read, with highlighted hits. */
@RestController
class SearchController {

  private final QueryScopes scopes;
  private final Retriever retriever;
  private final RetrievalProperties retrieval;
  private final HitHighlighter highlighter;

  SearchController(QueryScopes scopes, Retriever retriever, RetrievalProperties retrieval, HitHighlighter highlighter) {
    this.scopes = scopes;
    this.retriever = retriever;
    this.retrieval = retrieval;
    this.highlighter = highlighter;
  }

  @PostMapping("/v1/knowledge-bases/{kb}/search")
  SearchResult search(@PathVariable("kb") String name, @Valid @RequestBody SearchBody body, HttpServletRequest request) {
    var scope = scopes.of(name, body.filters(), body.retrieval(), request);
    int topK = body.topK() != null ? body.topK() : retrieval.defaultTopK();
    if (topK > retrieval.maxTopK()) {
      throw new InvalidRequestException("topK must be at most " + retrieval.maxTopK());
    }
    var hits = retriever.retrieve(new HybridRetriever.Request(scope.kb().id(), body.query(), topK, scope.filter(),
        scope.ranking()));
    // after retrieval, with the knowledge base's analyzer, so that every index backend highlights alike
    return new SearchResult(hits.stream()
        .map(h -> HitView.of(h, highlighter.highlight(scope.kb().language(), body.query(), h.chunk().text())))
        .toList());
  }
}
