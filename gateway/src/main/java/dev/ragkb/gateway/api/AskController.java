package dev.ragkb.gateway.api;

import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ApiModels.AskBody;
import dev.ragkb.gateway.security.CallerPrincipal;
import dev.ragkb.retrieval.ask.AskUseCase;
import dev.ragkb.retrieval.query.QueryPipeline;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Cited answers from one knowledge base, limited to what the caller may read. */
@RestController
class AskController {

  private final QueryScopes scopes;
  private final AskUseCase asking;
  private final JsonMapper json;

  AskController(QueryScopes scopes, AskUseCase asking, JsonMapper json) {
    this.scopes = scopes;
    this.asking = asking;
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
    var question = new QueryPipeline.Question(scope.kb().id(), body.question(), conversation, scope.filter(),
        scope.ranking());
    if (!Boolean.TRUE.equals(body.stream())) {
      return AnswerView.of(asking.ask(question));
    }
    asking.stream(question, () -> SseAnswerStream.open(response, json));
    // the response was written here: a null return tells Spring there is nothing more to write
    return null;
  }
}
