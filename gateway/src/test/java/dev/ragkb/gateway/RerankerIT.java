package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ragkb.gateway.cli.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search through a configured reranking service (a local server speaking TEI's wire format, which
 * prefers texts mentioning "invoice"): its order wins over the fused one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RerankerIT {

  private static final String KEY = "rerank-key";
  private static final Path dataDir = Path.of("target", "it-data", "rerank-" + UUID.randomUUID());
  private static final HttpServer tei = startTei();

  private static HttpServer startTei() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      JsonMapper json = JsonMapper.builder().build();
      server.createContext("/rerank", exchange -> {
        JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
        List<String> results = new ArrayList<>();
        for (int i = 0; i < request.path("texts").size(); i++) {
          double score = request.path("texts").get(i).asString().contains("nvoice") ? 0.99 : 0.01 * i;
          results.add("{\"index\":" + i + ",\"score\":" + score + "}");
        }
        byte[] body = ("[" + String.join(",", results) + "]").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
    registry.add("ragkb.reranker.url", () -> "http://127.0.0.1:" + tei.getAddress().getPort() + "/rerank");
  }

  @AfterAll
  static void stopTei() {
    tei.stop(0);
  }

  @LocalServerPort int port;

  @Test
  void theRerankersOrderDecidesTheHits() {
    RestClient client = new RestClient(port, KEY);
    client.post("/v1/knowledge-bases", Map.of("name", "rr"));
    var upload = client.upload("rr", new Multipart()
        .file("router.md", DocumentFixtures.routerMarkdown())
        .file("billing.html", DocumentFixtures.billingHtml()));
    client.awaitJob(upload.body().path("jobId").asString());

    var hits = client.post("/v1/knowledge-bases/rr/search", Map.of("query", "hold the reset button", "topK", 2)).body().path("hits");

    assertThat(hits.size()).isEqualTo(2);
    assertThat(hits.get(0).path("source").asString()).isEqualTo("billing.html");
    assertThat(hits.get(0).path("score").asDouble()).isEqualTo(0.99);
  }
}
