package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ragkb.gateway.cli.Multipart;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ask} with {@code ragkb.generator.url} set: the answer streams from an OpenAI-compatible
 * server (a local stand-in speaking vLLM's wire format), its citations are validated, and when the
 * server fails the answer is extractive and flagged degraded, never an error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmAskIT {

  private static final String KEY = "test-key-llm";
  private static final Path dataDir = Path.of("target", "it-data", "llm-ask-" + UUID.randomUUID());

  /** What the stand-in LLM does with the next request. */
  enum Mode { ANSWER, UNAVAILABLE, FAILS_MID_ANSWER }

  private static final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER);
  private static final List<String> requests = new CopyOnWriteArrayList<>();
  private static final HttpServer llm = startLlm();

  private static HttpServer startLlm() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v1/chat/completions", LlmAskIT::chatCompletions);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chatCompletions(HttpExchange exchange) throws IOException {
    requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (mode.get() == Mode.UNAVAILABLE) {
      byte[] body = "{\"object\":\"error\",\"message\":\"Service Unavailable\",\"type\":\"ServiceUnavailableError\",\"code\":503}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      if (mode.get() == Mode.FAILS_MID_ANSWER) {
        // TGI's way of failing once the stream has begun: an error event instead of a chunk
        out.write(("data:{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"role\":\"assistant\",\"content\":\"Hold the\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data:{\"error\":\"Request failed during generation: Server error: CUDA out of memory\",\"error_type\":\"generation\"}\n\n")
            .getBytes(StandardCharsets.UTF_8));
        return;
      }
      for (String piece : List.of("Hold the red recessed button", " for 17 seconds", " [", "1", "] [9]", ".")) {
        out.write(("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"test-model\",\"choices\":"
            + "[{\"index\":0,\"delta\":{\"content\":" + JsonMapper.builder().build().writeValueAsString(piece)
            + "},\"logprobs\":null,\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write(("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"test-model\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
    registry.add("ragkb.generator.url", () -> "http://127.0.0.1:" + llm.getAddress().getPort());
    registry.add("ragkb.generator.model", () -> "test-model");
    registry.add("ragkb.generator.max-attempts", () -> "1");
  }

  @LocalServerPort int port;
  private RestClient client;

  @BeforeAll
  void ingest() {
    client = new RestClient(port, KEY);
    client.post("/v1/knowledge-bases", Map.of("name", "manuals"));
    var upload = client.upload("manuals", new Multipart().file("zephyr-router.md", DocumentFixtures.routerMarkdown()));
    assertThat(client.awaitJob(upload.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");
  }

  @BeforeEach
  void reset() {
    mode.set(Mode.ANSWER);
    requests.clear();
  }

  @AfterAll
  void stopLlm() {
    llm.stop(0);
  }

  private static final Map<String, Object> QUESTION = Map.of("question", "How long must I hold the reset button on the Zephyr-9?");

  @Test
  void streamsTheLlmsTokensThenADoneEventWhoseCitationsAreValidated() {
    var body = new java.util.HashMap<>(QUESTION);
    body.put("stream", true);
    var r = client.postForText("/v1/knowledge-bases/manuals/ask", body);

    assertThat(r.statusCode()).isEqualTo(200);
    List<ServerSentEvent> events = ServerSentEvent.parse(r.body());
    assertThat(events.stream().filter(e -> e.name().equals("token")).count()).isGreaterThan(1);
    JsonNode done = events.getLast().data();
    assertThat(events.getLast().name()).isEqualTo("done");
    assertThat(done.path("answer").asString())
        .isEqualTo("Hold the red recessed button for 17 seconds [1].")
        .isEqualTo(ServerSentEvent.text(events));
    assertThat(done.path("citations").size()).isEqualTo(1);
    JsonNode citation = done.path("citations").get(0);
    assertThat(citation.path("source").asString()).isEqualTo("zephyr-router.md");
    assertThat(citation.path("snippet").asString()).contains("17 seconds");
    assertThat(citation.path("snippetEnd").asInt()).isGreaterThan(citation.path("snippetStart").asInt());
    assertThat(done.path("unsupported").size()).isZero();
    assertThat(done.path("degraded").asBoolean()).isFalse();
    assertThat(done.path("abstained").asBoolean()).isFalse();
  }

  @Test
  void sendsTheSourcesAsFencedDataInTheUserTurnOnly() {
    client.post("/v1/knowledge-bases/manuals/ask", QUESTION);

    JsonNode sent = JsonMapper.builder().build().readTree(requests.getFirst());
    assertThat(sent.path("model").asString()).isEqualTo("test-model");
    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.path("messages").get(0).path("role").asString()).isEqualTo("system");
    assertThat(sent.path("messages").get(0).path("content").asString()).doesNotContain("17 seconds");
    assertThat(sent.path("messages").get(1).path("content").asString())
        .contains("<source n=\"1\"")
        .contains("17 seconds")
        .contains("Question: How long must I hold the reset button on the Zephyr-9?");
  }

  @Test
  void answersExtractivelyFlaggedDegradedWhenTheLlmIsUnavailable() {
    mode.set(Mode.UNAVAILABLE);

    var r = client.post("/v1/knowledge-bases/manuals/ask", QUESTION);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("degraded").asBoolean()).isTrue();
    assertThat(r.body().path("answer").asString()).contains("17 seconds").contains("[1]");
    assertThat(r.body().path("citations").get(0).path("source").asString()).isEqualTo("zephyr-router.md");
    assertThat(requests).hasSize(1);
  }

  @Test
  void withdrawsTheStreamedTextWhenTheLlmFailsMidAnswerAndStreamsTheFallbackInstead() {
    mode.set(Mode.FAILS_MID_ANSWER);
    var body = new java.util.HashMap<>(QUESTION);
    body.put("stream", true);

    var r = client.postForText("/v1/knowledge-bases/manuals/ask", body);

    List<ServerSentEvent> events = ServerSentEvent.parse(r.body());
    assertThat(events).extracting(ServerSentEvent::name).startsWith("token", "reset").endsWith("done");
    assertThat(events.getFirst().data().path("text").asString()).isEqualTo("Hold the");
    JsonNode done = events.getLast().data();
    assertThat(done.path("degraded").asBoolean()).isTrue();
    assertThat(done.path("answer").asString()).contains("17 seconds").isEqualTo(ServerSentEvent.text(events));
  }

  @Test
  void aStreamedAnswerFallsBackTooAndSaysSoInItsDoneEvent() {
    mode.set(Mode.UNAVAILABLE);
    var body = new java.util.HashMap<>(QUESTION);
    body.put("stream", true);

    var r = client.postForText("/v1/knowledge-bases/manuals/ask", body);

    assertThat(r.statusCode()).isEqualTo(200);
    List<ServerSentEvent> events = ServerSentEvent.parse(r.body());
    JsonNode done = events.getLast().data();
    assertThat(done.path("degraded").asBoolean()).isTrue();
    assertThat(done.path("answer").asString()).contains("17 seconds").isEqualTo(ServerSentEvent.text(events));
  }

  @Test
  void aChatCompletionStreamWithdrawsTheBrokenOffTextWithAResetChunkAndEndsDegraded() {
    mode.set(Mode.FAILS_MID_ANSWER);

    var r = client.postForText("/v1/chat/completions", Map.of("model", "manuals", "stream", true,
        "messages", List.of(Map.of("role", "user", "content", QUESTION.get("question")))));

    var stream = ChatCompletionChunks.parse(r.body());
    assertThat(stream.done()).isTrue();
    assertThat(stream.chunks().get(1).path("choices").get(0).path("delta").path("content").asString()).isEqualTo("Hold the");
    assertThat(stream.chunks().get(2).path("reset").asBoolean()).isTrue();
    assertThat(stream.content()).contains("17 seconds").contains("[1]").doesNotStartWith("Hold the");
    assertThat(stream.last().path("degraded").asBoolean()).isTrue();
    assertThat(stream.last().path("citations").get(0).path("source").asString()).isEqualTo("zephyr-router.md");
  }
}
