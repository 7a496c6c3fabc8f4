package dev.ragkb.gateway.api;

import dev.ragkb.core.Generator;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ApiModels.AskBody;
import dev.ragkb.gateway.api.ApiModels.Filters;
import dev.ragkb.gateway.api.ApiModels.HitView;
import dev.ragkb.gateway.api.ApiModels.SearchBody;
import dev.ragkb.gateway.api.ApiModels.SearchResult;
import dev.ragkb.gateway.config.GeneratorProperties;
import dev.ragkb.gateway.config.RetrievalProperties;
import dev.ragkb.gateway.security.CallerPrincipal;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Hybrid search and cited answers over one knowledge base, limited to what the caller may read. */
@RestController
class QueryController {

  private final KnowledgeBaseResolver resolver;
  private final HybridRetriever retriever;
  private final Generator generator;
  private final RetrievalProperties retrieval;
  private final GeneratorProperties generation;

  QueryController(KnowledgeBaseResolver resolver, HybridRetriever retriever, Generator generator,
      RetrievalProperties retrieval, GeneratorProperties generation) {
    this.resolver = resolver;
    this.retriever = retriever;
    this.generator = generator;
    this.retrieval = retrieval;
    this.generation = generation;
  }

  @PostMapping("/v1/knowledge-bases/{kb}/search")
  SearchResult search(@PathVariable("kb") String name, @Valid @RequestBody SearchBody body, HttpServletRequest request) {
    var kb = resolver.byName(name);
    int topK = body.topK() != null ? body.topK() : retrieval.defaultTopK();
    if (topK > retrieval.maxTopK()) {
      throw new InvalidRequestException("topK must be at most " + retrieval.maxTopK());
    }
    var hits = retriever.retrieve(new HybridRetriever.Request(kb.id(), body.query(), topK, filter(body.filters(), request)));
    return new SearchResult(hits.stream().map(HitView::of).toList());
  }

  @PostMapping("/v1/knowledge-bases/{kb}/ask")
  AnswerView ask(@PathVariable("kb") String name, @Valid @RequestBody AskBody body, HttpServletRequest request) {
    var kb = resolver.byName(name);
    if (Boolean.TRUE.equals(body.stream())) {
      throw new InvalidRequestException("stream=true is not available yet: ask without it (issue #6 adds streaming)");
    }
    var sources = retriever.retrieve(
        new HybridRetriever.Request(kb.id(), body.question(), generation.maxSources(), filter(body.filters(), request)));
    return AnswerView.of(generator.generate(body.question(), sources));
  }

  private static SearchFilter filter(@Nullable Filters filters, HttpServletRequest request) {
    var principal = CallerPrincipal.of(request);
    if (filters == null) {
      return SearchFilter.of(principal);
    }
    return new SearchFilter(principal, orEmpty(filters.documentIds()), orEmpty(filters.tags()));
  }

  private static Set<String> orEmpty(@Nullable Set<String> values) {
    return values == null ? Set.of() : values;
  }
}
