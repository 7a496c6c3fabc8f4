package dev.ragkb.gateway.api;

import dev.ragkb.core.Generator;
import dev.ragkb.core.RagkbException;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ApiModels.AskBody;
import dev.ragkb.gateway.security.CallerPrincipal;
import dev.ragkb.retrieval.query.Intent;
import dev.ragkb.retrieval.query.QueryPipeline;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Cited answers from one knowledge base, limited to what the caller may read. */
@RestController
class AskController {

  private static final Logger log = LoggerFactory.getLogger(AskController.class);

  /** What small talk ("hello", "thanks") gets instead of a search. */
  static final String SMALL_TALK_REPLY = "Hello! Ask me a question about the documents in this knowledge base.";

  private final QueryScopes scopes;
  private final QueryPipeline queries;
  private final Generator generator;
  private final JsonMapper json;

  AskController(QueryScopes scopes, QueryPipeline queries, Generator generator, JsonMapper json) {
    this.scopes = scopes;
    this.queries = queries;
    this.generator = generator;
    this.json = json;
  }

  /**
   * Answers with citations; with {@code "stream": true} as server-sent events ({@link
   * SseAnswerStream}). Retrieval happens first, so an unknown knowledge base or a bad request is
   * still a problem-JSON error, not an event.
   */
  @PostMapping("/v1/knowledge-bases/{kb}/ask")
  @Nullable AnswerView ask(@PathVariable("kb") String name, @Valid @RequestBody AskBody body, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    var scope = scopes.of(name, body.filters(), body.retrieval(), request);
    String conversation = body.conversationId() == null ? null
        : CallerPrincipal.key(scope.filter().principal()) + "/" + scope.kb().id() + "/" + body.conversationId();
    var prepared = queries.prepare(new QueryPipeline.Question(scope.kb().id(), body.question(), conversation,
        scope.filter(), scope.ranking()));
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
}
