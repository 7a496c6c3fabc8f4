package dev.ragkb.gateway.api;

import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.Generator;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RagkbException;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ChatModels.ChatCompletion;
import dev.ragkb.gateway.api.ChatModels.ChatRequest;
import dev.ragkb.gateway.api.ChatModels.Completion;
import dev.ragkb.gateway.api.ChatModels.Message;
import dev.ragkb.gateway.api.ChatModels.Usage;
import dev.ragkb.retrieval.query.Intent;
import dev.ragkb.retrieval.query.QueryPipeline;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(ChatCompletionsController.class);

  /** ask's limit on a question's length. */
  private static final int MAX_QUESTION_CHARS = 4000;

  private final QueryScopes scopes;
  private final QueryPipeline queries;
  private final Generator generator;
  private final TokenCounter tokens;
  private final Clock clock;
  private final JsonMapper json;

  ChatCompletionsController(QueryScopes scopes, QueryPipeline queries, Generator generator, TokenCounter tokens,
      Clock clock, JsonMapper json) {
    this.scopes = scopes;
    this.queries = queries;
    this.generator = generator;
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
    var prepared = queries.prepare(new QueryPipeline.Question(kb.id(), question, null, turns.subList(0, turns.size() - 1),
        scope.filter(), scope.ranking()));
    var completion = new Completion("chatcmpl-" + UUID.randomUUID(), clock.instant().getEpochSecond(), kb.name());
    if (!Boolean.TRUE.equals(body.stream())) {
      AnswerView answer = answer(prepared, AnswerStream.DISCARD);
      return ChatCompletion.of(completion, answer, usage(body, answer));
    }
    var chunks = ChatCompletionStream.open(response, json, completion);
    try {
      AnswerView answer = answer(prepared, chunks);
      chunks.finish(answer, usage(body, answer));
    } catch (RagkbException e) {
      log.warn("streamed chat completion failed ({}): {}", e.code(), e.getMessage());
      chunks.error("urn:ragkb:problem:" + e.code(), "the answer could not be completed; retry later");
    } catch (UncheckedIOException e) {
      log.debug("client left before the chat completion was complete: {}", e.getMessage());
    }
    // the response was written here: a null return tells Spring there is nothing more to write
    return null;
  }

  /** ask's answer, small talk included, its text passed to {@code stream} as it is written. */
  private AnswerView answer(QueryPipeline.Prepared prepared, AnswerStream stream) {
    if (prepared.intent() == Intent.SMALL_TALK) {
      stream.append(AskController.SMALL_TALK_REPLY);
      return AnswerView.smallTalk(AskController.SMALL_TALK_REPLY);
    }
    return AnswerView.of(generator.generate(prepared.query(), prepared.sources(), stream));
  }

  private Usage usage(ChatRequest body, AnswerView answer) {
    int prompt = body.messages().stream().map(Message::text).mapToInt(tokens::count).sum();
    return Usage.of(prompt, tokens.count(answer.answer()));
  }
}
