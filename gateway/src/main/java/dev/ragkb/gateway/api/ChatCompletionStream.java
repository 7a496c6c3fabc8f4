package dev.ragkb.gateway.api;

import dev.ragkb.core.RagkbException;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.gateway.api.ChatModels.ChatCompletionChunk;
import dev.ragkb.gateway.api.ChatModels.Completion;
import dev.ragkb.gateway.api.ChatModels.Delta;
import dev.ragkb.gateway.api.ChatModels.Usage;
import dev.ragkb.retrieval.ask.AnswerEvents;
import dev.ragkb.retrieval.ask.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an answer as OpenAI's streamed chat completion: unnamed events holding {@code
 * chat.completion.chunk} objects, the first with {@code delta.role}, then one per piece of text in
 * {@code delta.content}, a last one with {@code finish_reason: "stop"}, the citations and ragkb's
 * flags, and {@code data: [DONE]}. A {@link #retract()} (the LLM broke off and the extractive
 * generator answers instead) becomes a chunk with {@code "reset": true} and no content: the text to
 * show is what the deltas add up to after the last reset. A client that knows nothing of {@code
 * reset} shows the broken-off text followed by the fallback's answer, and the last chunk then says
 * {@code "degraded": true}. A failure after the first chunk becomes {@code data: {"error": {...}}}
 * with no {@code [DONE]}, which OpenAI's SDKs raise as an error.
 */
final class ChatCompletionStream implements AnswerEvents {

  private static final String DONE = "[DONE]";

  private final EventStreamWriter events;
  private final JsonMapper json;
  private final Completion completion;
  private final Function<AnswerView, Usage> usage;

  private ChatCompletionStream(EventStreamWriter events, JsonMapper json, Completion completion,
      Function<AnswerView, Usage> usage) {
    this.events = events;
    this.json = json;
    this.completion = completion;
    this.usage = usage;
  }

  /**
   * Opens the response and sends the chunk that names the assistant's role.
   *
   * @param usage the token counts the last chunk reports for an answer
   */
  static ChatCompletionStream open(HttpServletResponse response, JsonMapper json, Completion completion,
      Function<AnswerView, Usage> usage) throws IOException {
    var stream = new ChatCompletionStream(EventStreamWriter.open(response), json, completion, usage);
    stream.send(ChatCompletionChunk.delta(completion, new Delta(ChatModels.ROLE_ASSISTANT, "")));
    return stream;
  }

  @Override
  public void append(String text) {
    send(ChatCompletionChunk.delta(completion, new Delta(null, text)));
  }

  @Override
  public void retract() {
    send(ChatCompletionChunk.reset(completion));
  }

  @Override
  public void done(Reply reply) {
    AnswerView answer = AnswerView.of(reply);
    send(ChatCompletionChunk.last(completion, answer, usage.apply(answer)));
    events.send(null, DONE);
  }

  /** The error's type is the problem's type URI, as problem JSON would carry it. */
  @Override
  public void failed(RagkbException error) {
    send(Map.of("error", Map.of("type", "urn:ragkb:problem:" + error.code(),
        "message", "the answer could not be completed; retry later")));
  }

  private void send(Object chunk) {
    events.send(null, json.writeValueAsString(chunk));
  }
}
