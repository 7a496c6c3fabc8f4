package dev.ragkb.gateway.api;

import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ChatModels.ChatCompletion;
import dev.ragkb.gateway.api.ChatModels.ChatRequest;
import dev.ragkb.gateway.api.ChatModels.Completion;
import dev.ragkb.gateway.api.ChatModels.Message;
import dev.ragkb.gateway.api.ChatModels.Usage;
import dev.ragkb.retrieval.ask.AskUseCase;
import dev.ragkb.retrieval.query.QueryPipeline;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's Chat Completions API over a knowledge base, so that bots built on OpenAI's SDKs can point
 * at ragkb: {@code model} names the knowledge base, and the answer is ask's (same retrieval, access
 * control, generator and citations) in OpenAI's shape. The client sends the whole conversation each
 * time, so the earlier user messages condense a follow-up here and no conversation is kept. Errors
 * stay problem JSON, as everywhere else in the API (one table maps them, the security filter's 401
 * included); OpenAI's SDKs raise them by status, so a 404 is still their NotFoundError.
 */
@RestController
class ChatCompletionsController {

  /** ask's limit on a question's length. */
  private static final int MAX_QUESTION_CHARS = 4000;

  private final QueryScopes scopes;
  private final AskUseCase asking;
  private final TokenCounter tokens;
  private final Clock clock;
  private final JsonMapper json;

  ChatCompletionsController(QueryScopes scopes, AskUseCase asking, TokenCounter tokens, Clock clock, JsonMapper json) {
    this.scopes = scopes;
    this.asking = asking;
    this.tokens = tokens;
    this.clock = clock;
    this.json = json;
  }

  /**
   * Retrieval happens before the response starts, so an unknown model or a bad request is still a
   * problem-JSON error, not an event.
   */
  @Operation(summary = "OpenAI-compatible chat completion: model is the knowledge base's name; the answer cites its "
      + "sources in citations")
  @PostMapping("/v1/chat/completions")
  @Nullable ChatCompletion complete(@Valid @RequestBody ChatRequest body, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    var scope = scopes.of(body.model(), null, null, request);
    var kb = scope.kb();
    List<String> turns = body.userTurns();
    if (turns.isEmpty()) {
      throw new InvalidRequestException("messages hold no user message with content; the last one is the question");
    }
    String question = turns.getLast();
    if (question.length() > MAX_QUESTION_CHARS) {
      throw new InvalidRequestException("the last user message must be at most " + MAX_QUESTION_CHARS + " characters");
    }
    var asked = new QueryPipeline.Question(kb.id(), question, null, turns.subList(0, turns.size() - 1), scope.filter(),
        scope.ranking());
    var completion = new Completion("chatcmpl-" + UUID.randomUUID(), clock.instant().getEpochSecond(), kb.name());
    if (!Boolean.TRUE.equals(body.stream())) {
      AnswerView answer = AnswerView.of(asking.ask(asked));
      return ChatCompletion.of(completion, answer, usage(body, answer));
    }
    asking.stream(asked, () -> ChatCompletionStream.open(response, json, completion, answer -> usage(body, answer)));
    // the response was written here: a null return tells Spring there is nothing more to write
    return null;
  }

  private Usage usage(ChatRequest body, AnswerView answer) {
    int prompt = body.messages().stream().map(Message::text).mapToInt(tokens::count).sum();
    return Usage.of(prompt, tokens.count(answer.answer()));
  }
}
