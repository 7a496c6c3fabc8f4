package dev.ragkb.gateway;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A streamed chat completion as an OpenAI client reads it: the {@code chat.completion.chunk} objects
 * in order, and whether the stream ended with {@code data: [DONE]}.
 */
record ChatCompletionChunks(List<JsonNode> chunks, boolean done) {

  static ChatCompletionChunks parse(String body) {
    var json = JsonMapper.builder().build();
    List<JsonNode> chunks = new ArrayList<>();
    boolean done = false;
    for (String block : body.split("\n\n")) {
      for (String line : block.split("\n")) {
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (done) {
          throw new IllegalStateException("data after [DONE]: " + data);
        }
        if (data.equals("[DONE]")) {
          done = true;
        } else {
          chunks.add(json.readTree(data));
        }
      }
    }
    return new ChatCompletionChunks(List.copyOf(chunks), done);
  }

  /** The text the deltas add up to, counting from the last chunk with {@code "reset": true}. */
  String content() {
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : chunks) {
      if (chunk.path("reset").asBoolean(false)) {
        text.setLength(0);
      }
      text.append(chunk.path("choices").path(0).path("delta").path("content").asString(""));
    }
    return text.toString();
  }

  JsonNode last() {
    return chunks.getLast();
  }
}
