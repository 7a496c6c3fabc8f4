package dev.ragkb.retrieval.rerank;

import dev.ragkb.core.Hit;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.Redacted;
import dev.ragkb.core.Reranker;
import dev.ragkb.core.RetriableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of a reranking service. Two wire formats cover the common servers: Hugging Face TEI's
 * {@code POST /rerank} ({@code {"query", "texts"}} answered by {@code [{"index", "score"}]}) and
 * the Cohere-style {@code POST /v1/rerank} that Cohere, Jina, vLLM and Infinity accept
 * ({@code {"model", "query", "documents", "top_n"}} answered by {@code {"results": [{"index",
 * "relevance_score"}]}}). 429, 5xx, timeouts and refused connections are retriable failures; other
 * statuses and malformed bodies are permanent. Thread-safe; connections are pooled.
 */
public final class HttpReranker implements Reranker {

  /** The wire format the server speaks. */
  public enum Format {
    TEI,
    COHERE
  }

  /**
   * @param url the full endpoint, e.g. {@code http://reranker:8080/rerank} or {@code .../v1/rerank}
   * @param model sent in the Cohere format; ignored by TEI
   * @param apiKey sent as a bearer token when not blank
   */
  public record Settings(URI url, Format format, String model, String apiKey, Duration timeout) {
    @Override
    public String toString() {
      return Redacted.toString(this, "apiKey");
    }
  }

  private final Settings settings;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  public HttpReranker(Settings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
  }

  @Override
  public List<Hit> rerank(String query, List<Hit> candidates, int topK) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<String> texts = candidates.stream().map(h -> h.chunk().text()).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    if (settings.format() == Format.TEI) {
      body.put("texts", texts);
      body.put("truncate", true);
    } else {
      body.put("model", settings.model());
      body.put("documents", texts);
      body.put("top_n", Math.min(topK, texts.size()));
    }
    JsonNode response = send(json.writeValueAsString(body));
    JsonNode results = settings.format() == Format.TEI ? response : response.path("results");
    String scoreField = settings.format() == Format.TEI ? "score" : "relevance_score";
    if (!results.isArray()) {
      throw new InvalidRequestException("reranker answered without a result list");
    }
    List<Hit> reranked = new ArrayList<>();
    for (JsonNode r : results) {
      int index = r.path("index").asInt(-1);
      if (index < 0 || index >= candidates.size() || !r.path(scoreField).isNumber()) {
        throw new InvalidRequestException("reranker answered an invalid result: " + r);
      }
      reranked.add(candidates.get(index).withScore(r.path(scoreField).asDouble()));
    }
    return reranked.stream().sorted(Comparator.comparingDouble(Hit::score).reversed()).limit(topK).toList();
  }

  private JsonNode send(String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!settings.apiKey().isBlank()) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 429 || status >= 500) {
        throw new RetriableException("reranker answered HTTP " + status, null);
      }
      if (status / 100 != 2) {
        throw new InvalidRequestException("reranker refused the request: HTTP " + status);
      }
      return json.readTree(response.body());
    } catch (HttpTimeoutException e) {
      throw new RetriableException("reranker timed out after " + settings.timeout(), e);
    } catch (JacksonException e) {
      throw new InvalidRequestException("reranker answered malformed JSON", e);
    } catch (IOException e) {
      throw new RetriableException("reranker unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while reranking", e);
    }
  }
}
