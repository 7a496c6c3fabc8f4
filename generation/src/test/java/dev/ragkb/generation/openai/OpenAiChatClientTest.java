package dev.ragkb.generation.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetriableException;
import dev.ragkb.generation.openai.ScriptedServer.Cut;
import dev.ragkb.generation.openai.ScriptedServer.Hold;
import dev.ragkb.generation.openai.ScriptedServer.Reply;
import dev.ragkb.generation.prompt.ChatMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client against a local server replaying the streams of vLLM, Ollama and TGI byte for byte,
 * and their failures. No test waits on the clock: slow answers are held by latches.
 */
class OpenAiChatClientTest {

  private static final String ANSWER = "Hold the reset button for 17 seconds [1].";
  private static final OpenAiChatClient.Breaker LENIENT_BREAKER = new OpenAiChatClient.Breaker(100, 100, 50, Duration.ofMinutes(1));

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ScriptedServer server;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    executor.close();
  }

  private OpenAiChatClient client(Duration firstToken, int attempts, OpenAiChatClient.Breaker breaker) {
    return new OpenAiChatClient(new OpenAiChatClient.Settings(server.uri(), "sk-test", Duration.ofSeconds(5), firstToken,
        Duration.ofMinutes(1), attempts, Duration.ofMillis(1), Duration.ofMillis(5), breaker), executor, meters);
  }

  private OpenAiChatClient client() {
    return client(Duration.ofMinutes(1), 3, LENIENT_BREAKER);
  }

  private static OpenAiChatClient.Request request() {
    return new OpenAiChatClient.Request("test-model",
        List.of(new ChatMessage(ChatMessage.Role.SYSTEM, "rules"), new ChatMessage(ChatMessage.Role.USER, "question")),
        0.1, 0.9, 256, true);
  }

  /** The fixture's events, each sent as one HTTP chunk, with {@code steps} spliced in before event {@code at}. */
  static Reply recorded(String fixture, int at, Object... steps) {
    List<Object> events = new ArrayList<>(Arrays.asList(read(fixture).split("\n\n")));
    events.addAll(Math.min(at, events.size()), List.of(steps));
    return Reply.events("", events.toArray());
  }

  static String read(String fixture) {
    try (InputStream in = OpenAiChatClientTest.class.getResourceAsStream("/fixtures/" + fixture)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String collect(OpenAiChatClient client, List<String> pieces) {
    client.stream(request(), pieces::add);
    return String.join("", pieces);
  }

  @ParameterizedTest
  @ValueSource(strings = {"vllm-chat-stream.sse", "ollama-chat-stream.sse", "tgi-chat-stream.sse"})
  void streamsTheTextOfEachServersWireFormatPieceByPiece(String fixture) {
    server.then(recorded(fixture, 0));
    List<String> pieces = new ArrayList<>();

    try (var client = client()) {
      var completion = client.stream(request(), pieces::add);

      assertThat(String.join("", pieces)).isEqualTo("Hold the reset button for 17 seconds [1].");
      assertThat(pieces).hasSize(10).contains(" [", "1", "].");
      assertThat(completion.finishReason()).isEqualTo("stop");
      assertThat(completion.completionTokens()).isEqualTo(11);
    }
  }

  @Test
  void sendsModelSamplingStreamingAndTheKeyAsTheOpenAiApiExpects() {
    server.then(recorded("vllm-chat-stream.sse", 0));
    try (var client = client()) {
      collect(client, new ArrayList<>());
    }

    JsonNode body = JsonMapper.builder().build().readTree(server.requests().getFirst());
    assertThat(body.path("model").asString()).isEqualTo("test-model");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.1);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
    assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("question");
  }

  @Test
  void reusesPooledConnectionsForSuccessiveAnswers() {
    // The JDK client hands a drained connection back to its pool asynchronously, so an answer that
    // follows at once may still open a new one: reuse is asserted over several answers, not each.
    int answers = 6;
    for (int i = 0; i < answers; i++) {
      server.then(recorded(i % 2 == 0 ? "vllm-chat-stream.sse" : "ollama-chat-stream.sse", 0));
    }
    try (var client = client()) {
      for (int i = 0; i < answers; i++) {
        assertThat(collect(client, new ArrayList<>())).isEqualTo(ANSWER);
      }
    }

    assertThat(server.connections()).isLessThan(answers);
  }

  @Test
  void waitsForASlowFirstTokenWithinItsTimeout() throws Exception {
    var firstToken = new CountDownLatch(1);
    server.then(recorded("vllm-chat-stream.sse", 1, new Hold(firstToken)));
    try (var client = client()) {
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> collect(client, new ArrayList<>()), executor);
      while (server.requests().isEmpty()) {
        Thread.onSpinWait();
      }
      assertThat(answer).isNotDone();
      firstToken.countDown();

      assertThat(answer.get(1, TimeUnit.MINUTES)).isEqualTo(ANSWER);
    }
    assertThat(meters.get("ragkb.generator.first.token").timer().count()).isOne();
  }

  @Test
  void givesUpWhenTheFirstTokenTakesLongerThanItsTimeout() {
    var never = new CountDownLatch(1);
    server.then(recorded("vllm-chat-stream.sse", 1, new Hold(never)));
    try (var client = client(Duration.ofMillis(50), 3, LENIENT_BREAKER)) {
      assertThatThrownBy(() -> collect(client, new ArrayList<>()))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("no first token");
    } finally {
      never.countDown();
    }
    assertThat(server.requests()).as("a timeout is not retried").hasSize(1);
  }

  @Test
  void failsWhenTheConnectionDropsMidStreamAfterPassingOnWhatArrived() {
    server.then(recorded("tgi-chat-stream.sse", 4, new Cut()));
    List<String> pieces = new ArrayList<>();
    try (var client = client()) {
      assertThatThrownBy(() -> client.stream(request(), pieces::add))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("mid-answer");
    }
    assertThat(String.join("", pieces)).isEqualTo("Hold the reset button");
    assertThat(server.requests()).as("text was passed on, so no retry").hasSize(1);
  }

  @Test
  void retriesA429AfterTheServersRetryAfterAndThenStreams() {
    server.then(Reply.json(429, "{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}", "Retry-After: 0"))
        .then(Reply.json(503, "{\"object\":\"error\",\"message\":\"Service Unavailable\",\"type\":\"ServiceUnavailableError\",\"code\":503}"))
        .then(recorded("vllm-chat-stream.sse", 0));
    try (var client = client()) {
      assertThat(collect(client, new ArrayList<>())).isEqualTo(ANSWER);
    }
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void givesUpAfterMaxAttemptsOfThrottling() {
    for (int i = 0; i < 3; i++) {
      server.then(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}"));
    }
    try (var client = client()) {
      assertThatThrownBy(() -> collect(client, new ArrayList<>()))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("HTTP 429")
          .hasMessageContaining("Rate limit reached");
    }
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void rejectsA400WithTheServersMessageAndDoesNotRetry() {
    server.then(Reply.json(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens.\","
        + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"));
    try (var client = client()) {
      assertThatThrownBy(() -> collect(client, new ArrayList<>()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("maximum context length");
    }
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void failsOnAMalformedChunk() {
    server.then(Reply.events("", "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hold\"}}]}",
        "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the", "data: [DONE]"));
    try (var client = client()) {
      assertThatThrownBy(() -> collect(client, new ArrayList<>()))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("malformed chunk");
    }
  }

  @Test
  void failsOnAnErrorEventMidStream() {
    server.then(Reply.events("", "data:{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hold\"}}]}",
        "data:{\"error\":\"Request failed during generation: Server error: CUDA out of memory\",\"error_type\":\"generation\"}"));
    try (var client = client()) {
      assertThatThrownBy(() -> collect(client, new ArrayList<>()))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("CUDA out of memory");
    }
  }

  @Test
  void failsWhenTheStreamEndsWithoutFinishReasonOrDone() {
    server.then(Reply.events("", "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hold\"},\"finish_reason\":null}]}"));
    try (var client = client()) {
      assertThatThrownBy(() -> collect(client, new ArrayList<>()))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("ended before the answer was complete");
    }
  }

  @Test
  void opensTheCircuitAfterRepeatedFailuresAndStopsCallingTheServer() {
    var breaker = new OpenAiChatClient.Breaker(2, 2, 50, Duration.ofMinutes(10));
    server.then(Reply.json(500, "{\"error\":\"boom\"}")).then(Reply.json(500, "{\"error\":\"boom\"}"));
    try (var client = client(Duration.ofMinutes(1), 1, breaker)) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> collect(client, new ArrayList<>())).hasMessageContaining("HTTP 500");
      }
      assertThatThrownBy(() -> collect(client, new ArrayList<>()))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("circuit breaker is open");
    }
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void cancelsTheStreamWhenTheConsumerThrows() {
    server.then(recorded("vllm-chat-stream.sse", 0)).then(recorded("vllm-chat-stream.sse", 0));
    try (var client = client()) {
      assertThatThrownBy(() -> client.stream(request(), piece -> {
        throw new UncheckedIOException(new IOException("client went away"));
      })).isInstanceOf(UncheckedIOException.class);

      assertThat(collect(client, new ArrayList<>())).as("the breaker did not count it").isEqualTo(ANSWER);
    }
  }

  @Test
  void recordsTimeToFirstTokenTokensPerSecondAndLatency() {
    server.then(recorded("ollama-chat-stream.sse", 0));
    try (var client = client()) {
      collect(client, new ArrayList<>());
    }

    assertThat(meters.get("ragkb.generator.first.token").tag("model", "test-model").timer().count()).isOne();
    assertThat(meters.get("ragkb.generator.latency").tag("outcome", "success").timer().count()).isOne();
    assertThat(meters.get("ragkb.generator.tokens.per.second").summary().count()).isOne();
  }
}
