package dev.ragkb.indexing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetriableException;
import dev.ragkb.indexing.http.EmbeddingServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HttpEmbeddingModelTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    executor.close();
  }

  private EmbeddingServer server(java.util.function.Function<EmbeddingServer.Request, Reply> handler) throws IOException {
    var server = new EmbeddingServer(handler);
    closeables.add(server);
    return server;
  }

  private HttpEmbeddingModel model(EmbeddingServer server, EmbeddingApi api, int batchSize, int concurrency, int maxAttempts) {
    var model = new HttpEmbeddingModel(new HttpEmbeddingModel.Settings(server.uri(), api, "BAAI/bge-small-en-v1.5",
        "secret", 2, batchSize, concurrency, Duration.ofSeconds(5), Duration.ofSeconds(30), maxAttempts,
        Duration.ofMillis(1), Duration.ofMillis(5), "q: "), executor);
    closeables.add(model);
    return model;
  }

  /** A 2-dimensional vector that encodes the input's length, so a test can tell which input a vector is for. */
  private static String vectorOf(String input) {
    return "[" + input.length() + ", 0.0]";
  }

  private static List<String> inputs(String body, String field) {
    List<String> out = new ArrayList<>();
    JSON.readTree(body).path(field).forEach(n -> out.add(n.asString()));
    return out;
  }

  /** OpenAI's response shape, with the items in reverse order, which the specification allows. */
  private static Reply openAiReply(EmbeddingServer.Request request) {
    List<String> in = inputs(request.body(), "input");
    List<String> items = new ArrayList<>();
    for (int i = in.size() - 1; i >= 0; i--) {
      items.add("{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":" + vectorOf(in.get(i)) + "}");
    }
    return Reply.json(200, "{\"object\":\"list\",\"data\":[" + String.join(",", items)
        + "],\"model\":\"BAAI/bge-small-en-v1.5\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}");
  }

  private static Reply teiReply(EmbeddingServer.Request request) {
    return Reply.json(200, "[" + String.join(",", inputs(request.body(), "inputs").stream().map(HttpEmbeddingModelTest::vectorOf).toList()) + "]");
  }

  @Test
  void speaksTheOpenAiEmbeddingsWireFormat() throws IOException {
    var server = server(HttpEmbeddingModelTest::openAiReply);
    var model = model(server, EmbeddingApi.OPENAI, 32, 4, 1);

    List<float[]> vectors = model.embedPassages(List.of("a", "bbb"));

    var request = server.requests().getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/embeddings");
    assertThat(request.header("Authorization")).isEqualTo("Bearer secret");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("model").asString()).isEqualTo("BAAI/bge-small-en-v1.5");
    assertThat(body.path("encoding_format").asString()).isEqualTo("float");
    assertThat(inputs(request.body(), "input")).containsExactly("a", "bbb");
    // vectors come back unit length, in input order although the server listed them reversed
    assertThat(vectors).hasSize(2);
    assertThat(vectors.get(0)).containsExactly(1f, 0f);
    assertThat(vectors.get(1)).containsExactly(1f, 0f);
    assertThat(model.name()).isEqualTo("BAAI/bge-small-en-v1.5");
    assertThat(model.dimension()).isEqualTo(2);
  }

  @Test
  void speaksTheTeiEmbedWireFormat() throws IOException {
    var server = server(HttpEmbeddingModelTest::teiReply);
    var model = model(server, EmbeddingApi.TEI, 32, 4, 1);

    model.embedPassages(List.of("x"));
    float[] query = model.embedQuery("what");

    var first = server.requests().getFirst();
    assertThat(first.path()).isEqualTo("/embed");
    JsonNode body = JSON.readTree(first.body());
    assertThat(body.path("normalize").asBoolean()).isTrue();
    assertThat(body.path("truncate").asBoolean()).isTrue();
    assertThat(inputs(first.body(), "inputs")).containsExactly("x");
    // the query instruction is prepended to queries only
    assertThat(inputs(server.requests().get(1).body(), "inputs")).containsExactly("q: what");
    assertThat(query).containsExactly(1f, 0f);
  }

  @Test
  void acceptsABaseUrlThatEndsInV1() throws IOException {
    var server = server(HttpEmbeddingModelTest::openAiReply);
    var model = new HttpEmbeddingModel(new HttpEmbeddingModel.Settings(server.uri().resolve("/v1/"), EmbeddingApi.OPENAI,
        "m", null, 2, 8, 1, Duration.ofSeconds(5), Duration.ofSeconds(30), 1, Duration.ofMillis(1),
        Duration.ofMillis(1), ""), executor);
    closeables.add(model);

    model.embedPassages(List.of("a"));

    assertThat(server.requests().getFirst().path()).isEqualTo("/v1/embeddings");
    assertThat(server.requests().getFirst().header("Authorization")).isEmpty();
  }

  @Test
  void splitsPassagesIntoBatchesAndKeepsTheirOrder() throws IOException {
    var server = server(HttpEmbeddingModelTest::teiReply);
    var model = model(server, EmbeddingApi.TEI, 2, 4, 1);
    List<String> passages = List.of("a", "bb", "ccc", "dddd", "eeeee");

    List<float[]> vectors = model.embedPassages(passages);

    assertThat(server.requests()).hasSize(3);
    assertThat(server.requests()).allSatisfy(r -> assertThat(inputs(r.body(), "inputs")).hasSizeLessThanOrEqualTo(2));
    assertThat(vectors).hasSize(5);
    assertThat(model.embedPassages(List.of())).isEmpty();
  }

  @Test
  void retriesTooManyRequestsAndUnavailableThenSucceeds() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    var server = server(r -> switch (calls.incrementAndGet()) {
      case 1 -> new Reply(429, "{\"error\":\"Model is overloaded\",\"error_type\":\"Overloaded\"}", Map.of("Retry-After", "1"));
      case 2 -> Reply.json(503, "{\"error\":\"loading\"}");
      default -> teiReply(r);
    });
    var model = model(server, EmbeddingApi.TEI, 8, 1, 3);

    assertThat(model.embedPassages(List.of("abc"))).hasSize(1);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void givesUpAfterMaxAttemptsWithARetriableException() throws IOException {
    var server = server(r -> Reply.json(503, "{\"error\":\"busy\"}"));
    var model = model(server, EmbeddingApi.OPENAI, 8, 1, 3);

    assertThatThrownBy(() -> model.embedPassages(List.of("abc")))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("503");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void capsRetryAfterAtTheLongestBackoffAndDoublesOtherwise() throws IOException {
    var model = model(server(HttpEmbeddingModelTest::teiReply), EmbeddingApi.TEI, 8, 1, 3);

    assertThat(model.backoff(1, Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(5));
    assertThat(model.backoff(1, null)).isEqualTo(Duration.ofMillis(1));
    assertThat(model.backoff(2, null)).isEqualTo(Duration.ofMillis(2));
    assertThat(model.backoff(10, null)).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void aRejectedRequestIsNotRetried() throws IOException {
    var server = server(r -> Reply.json(413, "{\"error\":\"batch size 64 > maximum allowed batch size 32\",\"error_type\":\"Validation\"}"));
    var model = model(server, EmbeddingApi.TEI, 64, 1, 3);

    assertThatThrownBy(() -> model.embedPassages(List.of("abc")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("maximum allowed batch size");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void vectorsOfTheWrongDimensionAreAConfigurationError() throws IOException {
    var model = model(server(r -> Reply.json(200, "[[1.0, 0.0, 0.0]]")), EmbeddingApi.TEI, 8, 1, 1);

    assertThatThrownBy(() -> model.embedPassages(List.of("abc")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("3-dimensional");
  }

  @Test
  void aMalformedResponseIsRetriable() throws IOException {
    var openAi = model(server(r -> Reply.json(200, "{\"data\":[{\"index\":0,\"embedding\":[1.0,0.0]}]}")), EmbeddingApi.OPENAI, 8, 1, 1);
    var tei = model(server(r -> Reply.json(200, "<html>proxy error</html>")), EmbeddingApi.TEI, 8, 1, 1);

    assertThatThrownBy(() -> openAi.embedPassages(List.of("a", "b")))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("1 embeddings for 2 inputs");
    assertThatThrownBy(() -> tei.embedPassages(List.of("a"))).isInstanceOf(RetriableException.class);
  }

  @Test
  void aSlowServiceTimesOutAsRetriable() throws IOException {
    CountDownLatch release = new CountDownLatch(1);
    var server = server(r -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return teiReply(r);
    });
    var model = new HttpEmbeddingModel(new HttpEmbeddingModel.Settings(server.uri(), EmbeddingApi.TEI, "m", null, 2, 8, 1,
        Duration.ofSeconds(5), Duration.ofMillis(100), 1, Duration.ofMillis(1), Duration.ofMillis(1), ""), executor);
    closeables.add(model);

    try {
      assertThatThrownBy(() -> model.embedPassages(List.of("a")))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("timed out");
    } finally {
      release.countDown();
    }
  }

  @Test
  void boundsTheRequestsInFlightAcrossCallers() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    var server = server(r -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return teiReply(r);
    });
    var model = model(server, EmbeddingApi.TEI, 1, 2, 1);

    var first = CompletableFuture.supplyAsync(() -> model.embedPassages(List.of("a", "b", "c")), executor);
    var second = CompletableFuture.supplyAsync(() -> model.embedPassages(List.of("d", "e", "f")), executor);
    await().atMost(Duration.ofSeconds(30)).until(() -> inFlight.get() == 2);
    assertThat(server.requests()).hasSize(2);
    release.countDown();

    assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(3);
    assertThat(second.get(30, TimeUnit.SECONDS)).hasSize(3);
    assertThat(server.requests()).hasSize(6);
    assertThat(most.get()).isEqualTo(2);
  }
}
