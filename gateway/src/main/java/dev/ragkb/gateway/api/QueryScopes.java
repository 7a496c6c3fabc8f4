package dev.ragkb.gateway.api;

import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.gateway.api.ApiModels.Filters;
import dev.ragkb.gateway.api.ApiModels.RetrievalBody;
import dev.ragkb.gateway.security.CallerPrincipal;
import dev.ragkb.retrieval.hybrid.Ranking;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a search, an ask or a chat completion runs over, decided the same way for all three: the
 * knowledge base (unknown: 404; its model not served: 409), what the caller may read, and how hits
 * are ranked (the request's settings over the knowledge base's, over the service's).
 */
@Component
class QueryScopes {

  /** The knowledge base, the caller's filter and the ranking of one query. */
  record Scope(KnowledgeBase kb, SearchFilter filter, Ranking ranking) {}

  private final KnowledgeBaseResolver resolver;
  private final Ranking defaults;

  QueryScopes(KnowledgeBaseResolver resolver, Ranking defaults) {
    this.resolver = resolver;
    this.defaults = defaults;
  }

  Scope of(String kbName, @Nullable Filters filters, @Nullable RetrievalBody retrieval, HttpServletRequest request) {
    KnowledgeBase kb = resolver.forEmbedding(kbName);
    return new Scope(kb, filter(filters, request), defaults.under(kb.retrieval(), RetrievalBody.settings(retrieval)));
  }

  private static SearchFilter filter(@Nullable Filters filters, HttpServletRequest request) {
    var principal = CallerPrincipal.of(request);
    if (filters == null) {
      return SearchFilter.of(principal);
    }
    return new SearchFilter(principal, orEmpty(filters.documentIds()), orEmpty(filters.tags()), filters.dates());
  }

  private static Set<String> orEmpty(@Nullable Set<String> values) {
    return values == null ? Set.of() : values;
  }
}
