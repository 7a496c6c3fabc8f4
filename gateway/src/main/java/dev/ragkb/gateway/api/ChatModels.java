package dev.ragkb.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ApiModels.CitationView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON bodies of {@code POST /v1/chat/completions}: OpenAI's Chat Completions shapes (snake_case,
 * as its SDKs expect), plus ragkb's {@code citations}, {@code abstained} and {@code degraded}. Fields
 * of OpenAI's request that ragkb has no use for (temperature, max_tokens, tools...) are ignored.
 */
final class ChatModels {

  static final String ROLE_USER = "user";
  static final String ROLE_ASSISTANT = "assistant";
  private static final String CHUNK = "chat.completion.chunk";

  private ChatModels() {}

  /**
   * @param role {@code system} and {@code developer} messages steer an LLM, not retrieval, and are
   *     ignored; so are {@code tool} messages
   * @param content a string, or OpenAI's array of content parts of which the {@code text} ones count;
   *     null is allowed, as OpenAI allows it for an assistant message
   */
  record Message(
      @Schema(allowableValues = {"system", "developer", "user", "assistant", "tool"})
      @NotNull @Pattern(regexp = "system|developer|user|assistant|tool") String role,
      @Schema(description = "a string, or an array of content parts [{\"type\": \"text\", \"text\"}]; other "
          + "parts (images) are ignored")
      @Nullable JsonNode content) {

    /** The message's text: the string, or its text parts joined by line breaks; empty for none. */
    String text() {
      if (content == null || !(content.isString() || content.isArray())) {
        return "";
      }
      if (content.isString()) {
        return content.asString();
      }
      return content.valueStream()
          .filter(part -> "text".equals(part.path("type").asString("")))
          .map(part -> part.path("text").asString(""))
          .collect(Collectors.joining("\n"));
    }
  }

  /**
   * @param model the knowledge base's name
   * @param messages the whole conversation, oldest first; the last {@code user} message is the question
   *     and the earlier ones the conversation it follows
   */
  record ChatRequest(
      @Schema(description = "the knowledge base's name") @NotBlank String model,
      @Schema(description = "the conversation, oldest first; the last user message is the question")
      @NotEmpty List<@Valid @NotNull Message> messages,
      @Schema(description = "answer as server-sent chat.completion.chunk objects, ending with data: [DONE]")
      @Nullable Boolean stream,
      @Schema(description = "number of choices; only 1 is supported", allowableValues = "1")
      @Nullable @Min(1) @Max(value = 1, message = "must be 1: one answer per request") Integer n) {

    /** The texts of the user messages, oldest first, blank ones left out. */
    List<String> userTurns() {
      return messages.stream()
          .filter(m -> ROLE_USER.equals(m.role()))
          .map(Message::text)
          .filter(text -> !text.isBlank())
          .toList();
    }
  }

  /** The header every object of one completion shares. */
  record Completion(String id, long created, String model) {}

  /**
   * Token counts by the embedding model's word-piece tokenizer: close to, but not, what an LLM would
   * bill. Prompt: the request's message texts; completion: the answer's text.
   */
  record Usage(@JsonProperty("prompt_tokens") int promptTokens, @JsonProperty("completion_tokens") int completionTokens,
      @JsonProperty("total_tokens") int totalTokens) {
    static Usage of(int prompt, int completion) {
      return new Usage(prompt, completion, prompt + completion);
    }
  }

  record AssistantMessage(String role, String content) {}

  record Choice(int index, AssistantMessage message, @JsonProperty("finish_reason") String finishReason) {}

  /** The non-streamed answer. */
  record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
      List<CitationView> citations, boolean abstained, boolean degraded) {
    static ChatCompletion of(Completion c, AnswerView answer, Usage usage) {
      return new ChatCompletion(c.id(), "chat.completion", c.created(), c.model(),
          List.of(new Choice(0, new AssistantMessage(ROLE_ASSISTANT, answer.answer()), "stop")), usage,
          answer.citations(), answer.abstained(), answer.degraded());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delta(@Nullable String role, @Nullable String content) {}

  /**
   * OpenAI sends {@code "finish_reason": null} until the last chunk, so it is written even where the
   * service leaves nulls out ({@code spring.jackson.default-property-inclusion}).
   */
  record ChunkChoice(int index, Delta delta,
      @JsonProperty("finish_reason") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String finishReason) {}

  /**
   * One streamed piece. The ragkb fields are left out until they mean something: {@code reset} on a
   * chunk that withdraws the content sent so far, the rest on the final chunk.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChatCompletionChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
      @Nullable Boolean reset, @Nullable Usage usage, @Nullable List<CitationView> citations,
      @Nullable Boolean abstained, @Nullable Boolean degraded) {

    static ChatCompletionChunk delta(Completion c, Delta delta) {
      return new ChatCompletionChunk(c.id(), CHUNK, c.created(), c.model(),
          List.of(new ChunkChoice(0, delta, null)), null, null, null, null, null);
    }

    static ChatCompletionChunk reset(Completion c) {
      return new ChatCompletionChunk(c.id(), CHUNK, c.created(), c.model(),
          List.of(new ChunkChoice(0, new Delta(null, null), null)), true, null, null, null, null);
    }

    static ChatCompletionChunk last(Completion c, AnswerView answer, Usage usage) {
      return new ChatCompletionChunk(c.id(), CHUNK, c.created(), c.model(),
          List.of(new ChunkChoice(0, new Delta(null, null), "stop")), null, usage, answer.citations(),
          answer.abstained(), answer.degraded());
    }
  }
}
