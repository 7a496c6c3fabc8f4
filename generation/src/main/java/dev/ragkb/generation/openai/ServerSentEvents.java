package dev.ragkb.generation.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles the {@code data} of server-sent events from the lines of a stream, as the HTML
 * specification describes: {@code data:} lines accumulate (joined by newlines, one space after the
 * colon dropped, so both vLLM's {@code data: {...}} and TGI's {@code data:{...}} read the same) and
 * a blank line dispatches them; comments ({@code : ping}) and the other fields are skipped. One
 * instance per stream; not thread-safe.
 */
final class ServerSentEvents {

  private final List<String> data = new ArrayList<>();

  /** Takes the next line (without its line break); returns an event's data when the line ends one. */
  Optional<String> line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith("data:")) {
      String value = line.substring(5);
      data.add(value.startsWith(" ") ? value.substring(1) : value);
    }
    return Optional.empty();
  }

  /** The end of the stream: an event not closed by a blank line still counts. */
  Optional<String> end() {
    return dispatch();
  }

  private Optional<String> dispatch() {
    if (data.isEmpty()) {
      return Optional.empty();
    }
    String joined = String.join("\n", data);
    data.clear();
    return Optional.of(joined);
  }
}
