package dev.ragkb.gateway.api;

import dev.ragkb.core.RagkbException;
import dev.ragkb.gateway.api.ApiModels.AnswerView;
import dev.ragkb.retrieval.ask.AnswerEvents;
import dev.ragkb.retrieval.ask.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an answer as server-sent events ({@link EventStreamWriter}): {@code token} events carry
 * pieces of text ({@code {"text"}}), {@code reset} withdraws the text sent so far (the LLM broke off
 * and the fallback answers instead), and one final {@code done} event carries the whole answer with
 * its citations, which is authoritative; {@code error} replaces it when the answer failed.
 */
final class SseAnswerStream implements AnswerEvents {

  private final EventStreamWriter events;
  private final JsonMapper json;

  private SseAnswerStream(EventStreamWriter events, JsonMapper json) {
    this.events = events;
    this.json = json;
  }

  static SseAnswerStream open(HttpServletResponse response, JsonMapper json) throws IOException {
    return new SseAnswerStream(EventStreamWriter.open(response), json);
  }

  @Override
  public void append(String text) {
    event("token", Map.of("text", text));
  }

  @Override
  public void retract() {
    event("reset", Map.of());
  }

  @Override
  public void done(Reply reply) {
    event("done", AnswerView.of(reply));
  }

  @Override
  public void failed(RagkbException error) {
    event("error", Map.of("type", "urn:ragkb:problem:" + error.code(), "title", "Answer failed",
        "detail", "the answer could not be completed; retry later"));
  }

  private void event(String name, Object data) {
    events.send(name, json.writeValueAsString(data));
  }
}
