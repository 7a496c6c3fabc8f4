package dev.ragkb.indexing.http;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The wire format of an embedding service: where to post a batch, what to send, how to read the answer. */
public enum EmbeddingApi {

  /**
   * {@code POST /v1/embeddings} {@code {"model", "input": [...], "encoding_format": "float"}} answered by
   * {@code {"data": [{"index", "embedding": [...]}, ...]}}: OpenAI, vLLM, Infinity, Ollama, TEI's
   * OpenAI route.
   */
  OPENAI("/v1/embeddings") {
    @Override
    ObjectNode request(JsonMapper json, String model, List<String> inputs) {
      ObjectNode body = json.createObjectNode().put("model", model).put("encoding_format", "float");
      inputs.forEach(body.putArray("input")::add);
      return body;
    }

    @Override
    List<float[]> vectors(JsonNode response, int expected) {
      JsonNode data = response.path("data");
      float[][] byIndex = new float[expected][];
      // The specification does not promise input order; the index field does.
      for (JsonNode item : data) {
        int index = item.path("index").asInt(-1);
        if (index < 0 || index >= expected || byIndex[index] != null) {
          throw new MalformedResponseException("bad or repeated index " + index + " for " + expected + " inputs");
        }
        byIndex[index] = floats(item.path("embedding"));
      }
      List<float[]> out = new ArrayList<>(expected);
      for (float[] v : byIndex) {
        if (v == null) {
          throw new MalformedResponseException(data.size() + " embeddings for " + expected + " inputs");
        }
        out.add(v);
      }
      return out;
    }
  },

  /**
   * Hugging Face Text Embeddings Inference: {@code POST /embed} {@code {"inputs": [...], "normalize":
   * true, "truncate": true}} answered by a bare array of vectors in input order. Truncation is asked
   * for because TEI otherwise rejects a passage longer than the model's window with 413.
   */
  TEI("/embed") {
    @Override
    ObjectNode request(JsonMapper json, String model, List<String> inputs) {
      ObjectNode body = json.createObjectNode().put("normalize", true).put("truncate", true);
      inputs.forEach(body.putArray("inputs")::add);
      return body;
    }

    @Override
    List<float[]> vectors(JsonNode response, int expected) {
      if (!response.isArray() || response.size() != expected) {
        throw new MalformedResponseException("expected an array of " + expected + " embeddings");
      }
      List<float[]> out = new ArrayList<>(expected);
      response.forEach(v -> out.add(floats(v)));
      return out;
    }
  };

  private final String path;

  EmbeddingApi(String path) {
    this.path = path;
  }

  /** The path posted to, relative to the service's root. */
  String path() {
    return path;
  }

  abstract ObjectNode request(JsonMapper json, String model, List<String> inputs);

  /** @throws MalformedResponseException when the response does not hold one vector per input */
  abstract List<float[]> vectors(JsonNode response, int expected);

  private static float[] floats(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      throw new MalformedResponseException("an embedding is not a non-empty array of numbers");
    }
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode x = array.get(i);
      if (!x.isNumber()) {
        throw new MalformedResponseException("an embedding holds a non-number: " + x);
      }
      v[i] = x.floatValue();
    }
    return v;
  }

  /** The service answered 200 with a body that is not what the API promises. */
  static final class MalformedResponseException extends RuntimeException {
    MalformedResponseException(String message) {
      super(message);
    }
  }
}
