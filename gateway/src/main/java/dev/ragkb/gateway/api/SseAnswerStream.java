package dev.ragkb.gateway.api;

import dev.ragkb.core.AnswerStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an answer as server-sent events on the request's own thread (a virtual thread), flushing
 * each event: {@code token} events carry pieces of text ({@code {"text"}}), {@code reset} withdraws
 * the text sent so far (the LLM broke off and the fallback answers instead), and one final {@code
 * done} event carries the whole answer with its citations, which is authoritative; {@code error}
 * replaces it when the answer failed. Writing on the request thread keeps the response inside the
 * request's security context, with no async dispatch. A write to a client that went away throws
 * {@link UncheckedIOException}, which stops the generation.
 */
final class SseAnswerStream implements AnswerStream {

  private final OutputStream out;
  private final JsonMapper json;

  private SseAnswerStream(OutputStream out, JsonMapper json) {
    this.out = out;
    this.json = json;
  }

  static SseAnswerStream open(HttpServletResponse response, JsonMapper json) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "no-cache");
    // proxies such as nginx buffer responses unless told not to, which would defeat streaming
    response.setHeader("X-Accel-Buffering", "no");
    var stream = new SseAnswerStream(response.getOutputStream(), json);
    response.flushBuffer();
    return stream;
  }

  @Override
  public void append(String text) {
    event("token", Map.of("text", text));
  }

  @Override
  public void retract() {
    event("reset", Map.of());
  }

  void done(Object answer) {
    event("done", answer);
  }

  void error(Object problem) {
    event("error", problem);
  }

  private void event(String name, Object data) {
    // JSON escapes line breaks, so the data always fits on one data: line
    String frame = "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
    try {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client stopped reading the answer stream", e);
    }
  }
}
