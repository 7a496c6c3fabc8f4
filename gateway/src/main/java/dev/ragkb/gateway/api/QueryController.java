package dev.ragkb.gateway.api;

import dev.ragkb.core.Generator;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.RagkbException;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ApiModels.AskBody;
import dev.ragkb.gateway.api.ApiModels.Filters;
import dev.ragkb.gateway.api.ApiModels.HitView;
import dev.ragkb.gateway.api.ApiModels.RetrievalBody;
import dev.ragkb.gateway.api.ApiModels.SearchBody;
import dev.ragkb.gateway.api.ApiModels.SearchResult;
import dev.ragkb.gateway.config.RetrievalProperties;
import dev.ragkb.gateway.security.CallerPrincipal;
import dev.ragkb.retrieval.highlight.HitHighlighter;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import dev.ragkb.retrieval.query.Intent;
import dev.ragkb.retrieval.query.QueryPipeline;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Hybrid search and cited answers over one knowledge base, limited to what the caller may read. */
@RestController
class QueryController {

  private static final Logger log = LoggerFactory.getLogger(QueryController.class);

  /** What small talk ("hello", "thanks") gets instead of a search. */
  static final String SMALL_TALK_REPLY = "Hello! Ask me a question about the documents in this knowledge base.";

  private final KnowledgeBaseResolver resolver;
  private final Retriever retriever;
  private final QueryPipeline queries;
  private final Generator generator;
  private final RetrievalProperties retrieval;
  private final Ranking defaults;
  private final JsonMapper json;
  private final HitHighlighter highlighter;

  QueryController(KnowledgeBaseResolver resolver, Retriever retriever, QueryPipeline queries, Generator generator,
      RetrievalProperties retrieval, Ranking defaults, JsonMapper json, HitHighlighter highlighter) {
    this.resolver = resolver;
    this.retriever = retriever;
    this.queries = queries;
    this.generator = generator;
    this.retrieval = retrieval;
    this.defaults = defaults;
    this.json = json;
    this.highlighter = highlighter;
  }

  @PostMapping("/v1/knowledge-bases/{kb}/search")
  SearchResult search(@PathVariable("kb") String name, @Valid @RequestBody SearchBody body, HttpServletRequest request) {
    var kb = resolver.forEmbedding(name);
    int topK = body.topK() != null ? body.topK() : retrieval.defaultTopK();
    if (topK > retrieval.maxTopK()) {
      throw new InvalidRequestException("topK must be at most " + retrieval.maxTopK());
    }
    var hits = retriever.retrieve(new HybridRetriever.Request(kb.id(), body.query(), topK, filter(body.filters(), request),
        ranking(kb, body.retrieval())));
    // after retrieval, with the knowledge base's analyzer, so that every index backend highlights alike
    return new SearchResult(hits.stream()
        .map(h -> HitView.of(h, highlighter.highlight(kb.language(), body.query(), h.chunk().text())))
        .toList());
  }

  /**
   * Answers with citations; with {@code "stream": true} as server-sent events ({@link
   * SseAnswerStream}). Retrieval happens first, so an unknown knowledge base or a bad request is
   * still a problem-JSON error, not an event.
   */
  @PostMapping("/v1/knowledge-bases/{kb}/ask")
  @Nullable AnswerView ask(@PathVariable("kb") String name, @Valid @RequestBody AskBody body, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    var kb = resolver.forEmbedding(name);
    SearchFilter filter = filter(body.filters(), request);
    String conversation = body.conversationId() == null ? null
        : CallerPrincipal.key(filter.principal()) + "/" + kb.id() + "/" + body.conversationId();
    var prepared = queries.prepare(new QueryPipeline.Question(kb.id(), body.question(), conversation, filter,
        ranking(kb, body.retrieval())));
    if (prepared.intent() == Intent.SMALL_TALK) {
      AnswerView greeting = AnswerView.smallTalk(SMALL_TALK_REPLY);
      if (!Boolean.TRUE.equals(body.stream())) {
        return greeting;
      }
      SseAnswerStream.open(response, json).done(greeting);
      return null;
    }
    if (!Boolean.TRUE.equals(body.stream())) {
      return AnswerView.of(generator.generate(prepared.query(), prepared.sources()));
    }
    var events = SseAnswerStream.open(response, json);
    try {
      events.done(AnswerView.of(generator.generate(prepared.query(), prepared.sources(), events)));
    } catch (RagkbException e) {
      log.warn("streamed answer failed ({}): {}", e.code(), e.getMessage());
      events.error(Map.of("type", "urn:ragkb:problem:" + e.code(), "title", "Answer failed",
          "detail", "the answer could not be completed; retry later"));
    } catch (UncheckedIOException e) {
      log.debug("client left before the answer was complete: {}", e.getMessage());
    }
    // the response was written here: a null return tells Spring there is nothing more to write
    return null;
  }

  /** The request's retrieval settings over its knowledge base's, over the service's. */
  private Ranking ranking(KnowledgeBase kb, @Nullable RetrievalBody override) {
    return defaults.under(kb.retrieval(), RetrievalBody.settings(override));
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
