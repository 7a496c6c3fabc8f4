package dev.ragkb.retrieval.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.Hit;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetriableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Contract tests against a local server speaking TEI's and Cohere's real rerank wire formats. */
class HttpRerankerTest {

  private record Reply(int status, String body) {}

  private HttpServer server;
  private final Queue<Reply> replies = new ArrayDeque<>();
  private volatile JsonNode lastRequest;
  private volatile String lastAuthorization;

  private final List<Hit> candidates = List.of(
      Fixtures.hit("a", 0, "The router broadcasts on two bands.", 0.9),
      Fixtures.hit("b", 0, "Hold the reset button for 17 seconds.", 0.8),
      Fixtures.hit("c", 0, "Invoices are issued monthly.", 0.7));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      lastRequest = JsonMapper.builder().build().readTree(exchange.getRequestBody().readAllBytes());
      lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
      Reply reply = replies.remove();
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpReranker client(HttpReranker.Format format, String path) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    return new HttpReranker(new HttpReranker.Settings(url, format, "bge-reranker-v2-m3", "secret", Duration.ofSeconds(5)));
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.chunk().documentId()).toList();
  }

  @Test
  void speaksTeiAndOrdersByItsScores() {
    // TEI answers sorted by score, with the indexes of the texts it was sent
    replies.add(new Reply(200, "[{\"index\":1,\"score\":0.98},{\"index\":0,\"score\":0.12},{\"index\":2,\"score\":0.01}]"));

    List<Hit> hits = client(HttpReranker.Format.TEI, "/rerank").rerank("how long to hold reset?", candidates, 2);

    assertThat(ids(hits)).containsExactly("b", "a");
    assertThat(hits.getFirst().score()).isEqualTo(0.98);
    assertThat(lastRequest.path("query").asString()).isEqualTo("how long to hold reset?");
    assertThat(lastRequest.path("texts").size()).isEqualTo(3);
    assertThat(lastRequest.path("texts").get(1).asString()).isEqualTo("Hold the reset button for 17 seconds.");
  }

  @Test
  void speaksTheCohereFormatWithModelTopNAndKey() {
    replies.add(new Reply(200, "{\"id\":\"x\",\"results\":[{\"index\":2,\"relevance_score\":0.7},{\"index\":1,\"relevance_score\":0.9}],"
        + "\"meta\":{\"billed_units\":{\"search_units\":1}}}"));

    List<Hit> hits = client(HttpReranker.Format.COHERE, "/v1/rerank").rerank("invoices?", candidates, 2);

    assertThat(ids(hits)).containsExactly("b", "c");
    assertThat(lastRequest.path("model").asString()).isEqualTo("bge-reranker-v2-m3");
    assertThat(lastRequest.path("documents").size()).isEqualTo(3);
    assertThat(lastRequest.path("top_n").asInt()).isEqualTo(2);
    assertThat(lastAuthorization).isEqualTo("Bearer secret");
  }

  @Test
  void treatsOverloadAsRetriableAndBadRequestsAsPermanent() {
    replies.add(new Reply(429, "{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}"));
    replies.add(new Reply(413, "{\"error\":\"batch size 3 > maximum allowed batch size 2\",\"error_type\":\"Validation\"}"));
    var tei = client(HttpReranker.Format.TEI, "/rerank");

    assertThatThrownBy(() -> tei.rerank("q", candidates, 3)).isInstanceOf(RetriableException.class).hasMessageContaining("429");
    assertThatThrownBy(() -> tei.rerank("q", candidates, 3)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void refusesAnAnswerThatPointsOutsideTheCandidates() {
    replies.add(new Reply(200, "[{\"index\":7,\"score\":0.5}]"));
    replies.add(new Reply(200, "not json"));
    var tei = client(HttpReranker.Format.TEI, "/rerank");

    assertThatThrownBy(() -> tei.rerank("q", candidates, 3)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> tei.rerank("q", candidates, 3)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void anUnreachableServerIsRetriableAndTheRetrieverKeepsTheFusedRanking() {
    server.stop(0);
    var reranker = client(HttpReranker.Format.TEI, "/rerank");
    assertThatThrownBy(() -> reranker.rerank("q", candidates, 3)).isInstanceOf(RetriableException.class);

    var retriever = new RerankingRetriever(request -> candidates, reranker, 10);
    var request = new dev.ragkb.retrieval.hybrid.HybridRetriever.Request("kb", "q", 2,
        dev.ragkb.core.SearchFilter.of(new dev.ragkb.core.Principal.Admin()),
        new dev.ragkb.retrieval.hybrid.Ranking(dev.ragkb.core.FusionMethod.RRF, 0.5, 60, 1));
    assertThat(ids(retriever.retrieve(request))).containsExactly("a", "b");
  }

  @Test
  void sendsNothingForNoCandidates() {
    assertThat(client(HttpReranker.Format.TEI, "/rerank").rerank("q", List.of(), 3)).isEmpty();
    assertThat(lastRequest).isNull();
  }
}
