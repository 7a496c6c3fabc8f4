package dev.ragkb.gateway.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST client the CLI commands share. Finds the service at {@code RAGKB_URL} (default
 * http://localhost:8080) and the key in {@code RAGKB_API_KEY}, else in the key file a local service
 * generated under {@code RAGKB_DATA_DIR} (default ./data).
 */
final class ServiceClient {

  /** A non-2xx answer; carries the problem detail's text. */
  static final class ServiceException extends RuntimeException {
    final int status;

    ServiceException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final URI base;
  private final String apiKey;

  private ServiceClient(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  static ServiceClient fromEnvironment() {
    String url = System.getenv().getOrDefault("RAGKB_URL", "http://localhost:8080");
    String key = System.getenv("RAGKB_API_KEY");
    if (key == null || key.isBlank()) {
      Path file = Path.of(System.getenv().getOrDefault("RAGKB_DATA_DIR", "./data"), "api-key");
      try {
        key = Files.readString(file).strip();
      } catch (IOException e) {
        throw new IllegalStateException("set RAGKB_API_KEY (no key file at " + file + ")");
      }
    }
    return new ServiceClient(URI.create(url.endsWith("/") ? url : url + "/"), key);
  }

  JsonNode get(String path) {
    return send(request(path).GET().build());
  }

  JsonNode postJson(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
  }

  /** Uploads files as one multipart request with parts named {@code file}. */
  JsonNode upload(String path, List<Path> files) {
    Multipart body = new Multipart();
    for (Path f : files) {
      try {
        body.file(f.toString(), Files.readAllBytes(f));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return send(request(path).header("Content-Type", body.contentType()).POST(body.publisher()).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + apiKey)
        .timeout(Duration.ofMinutes(5));
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        String detail = body.path("detail").asString(response.body());
        throw new ServiceException(response.statusCode(), "HTTP " + response.statusCode() + ": " + detail);
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach ragkb at " + base + " (" + e.getMessage() + "); is `./rag serve` running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
