package dev.ragkb.gateway.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * A {@code text/event-stream} response written on the request's own thread (a virtual thread),
 * flushed after each event. Writing on the request thread keeps the response inside the request's
 * security context, with no async dispatch. A write to a client that went away throws {@link
 * UncheckedIOException}, which stops whatever produces the events.
 */
final class EventStreamWriter {

  private final OutputStream out;

  private EventStreamWriter(OutputStream out) {
    this.out = out;
  }

  static EventStreamWriter open(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "no-cache");
    // proxies such as nginx buffer responses unless told not to, which would defeat streaming
    response.setHeader("X-Accel-Buffering", "no");
    var writer = new EventStreamWriter(response.getOutputStream());
    response.flushBuffer();
    return writer;
  }

  /**
   * Writes one event. {@code data} must hold no line break (JSON escapes them, so serialized JSON
   * always fits one {@code data:} line).
   *
   * @param name the event's name, or null for an unnamed event (what OpenAI's stream sends)
   */
  void send(@Nullable String name, String data) {
    String frame = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
    try {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client stopped reading the event stream", e);
    }
  }
}
