package dev.ragkb.gateway;

import dev.ragkb.gateway.cli.Multipart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the service over real HTTP, the way a client does. */
final class RestClient {

  record Response(int status, JsonNode body, HttpResponse<String> raw) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String base;
  private final @Nullable String key;

  RestClient(int port, @Nullable String key) {
    this.base = "http://localhost:" + port;
    this.key = key;
  }

  RestClient withKey(@Nullable String otherKey) {
    return new RestClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
  }

  Response get(String path) {
    return send(builder(path, Map.of()).GET());
  }

  Response post(String path, Object body) {
    return postRaw(path, json.writeValueAsString(body), Map.of());
  }

  Response post(String path, Object body, Map<String, String> headers) {
    return postRaw(path, json.writeValueAsString(body), headers);
  }

  Response patch(String path, Object body) {
    return send(builder(path, Map.of()).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
  }

  Response postRaw(String path, String body, Map<String, String> headers) {
    return send(builder(path, headers).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts JSON and returns the raw response, for bodies that are not JSON (server-sent events). */
  HttpResponse<String> postForText(String path, Object body) {
    return postForText(path, body, Map.of());
  }

  HttpResponse<String> postForText(String path, Object body, Map<String, String> headers) {
    try {
      return http.send(builder(path, headers).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response upload(String kb, Multipart body) {
    return send(builder("/v1/knowledge-bases/" + kb + "/documents", Map.of())
        .header("Content-Type", body.contentType()).POST(body.publisher()));
  }

  /** Polls the job until it is final and returns it. */
  JsonNode awaitJob(String jobId) {
    return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
        .until(() -> get("/v1/jobs/" + jobId).body(), j -> j.path("status").asString().matches("succeeded|partially_failed|failed"));
  }

  private HttpRequest.Builder builder(String path, Map<String, String> headers) {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    headers.forEach(b::header);
    return b;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
      return new Response(r.statusCode(), body, r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
