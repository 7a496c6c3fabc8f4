package dev.ragkb.generation.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.FollowUpCondenser;
import dev.ragkb.generation.openai.ScriptedServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The LLM condenser against a local server speaking OpenAI's streaming wire format, and its fallbacks. */
class LlmFollowUpCondenserTest {

  private static final List<String> EARLIER = List.of("How do I reset the X200 router?");
  private static final FollowUpCondenser FALLBACK = (followUp, previous) -> "fallback: " + followUp;

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private ScriptedServer server;
  private OpenAiChatClient client;
  private LlmFollowUpCondenser condenser;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    client = new OpenAiChatClient(new OpenAiChatClient.Settings(server.uri(), null, Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(1), 1, Duration.ofMillis(1), Duration.ofMillis(5),
        new OpenAiChatClient.Breaker(100, 100, 50, Duration.ofMinutes(1))), executor, new SimpleMeterRegistry());
    condenser = new LlmFollowUpCondenser(client, "test-model", FALLBACK);
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
    executor.close();
  }

  /** A streamed completion in OpenAI's chunk format, one chunk per piece. */
  private static Reply streamed(String... pieces) {
    Object[] events = new Object[pieces.length + 2];
    for (int i = 0; i < pieces.length; i++) {
      events[i] = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonMapper.builder().build().writeValueAsString(pieces[i])
          + "},\"finish_reason\":null}]}";
    }
    events[pieces.length] = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
    events[pieces.length + 1] = "[DONE]";
    return Reply.events("data: ", events);
  }

  @Test
  void searchesWithTheLlmsStandaloneRewriteAskedForDeterministically() {
    server.then(streamed("What is the warranty ", "of the X200 router?"));

    assertThat(condenser.condense("and its warranty?", EARLIER)).isEqualTo("What is the warranty of the X200 router?");

    JsonNode body = JsonMapper.builder().build().readTree(server.requests().getFirst());
    assertThat(body.path("model").asString()).isEqualTo("test-model");
    assertThat(body.path("temperature").asDouble()).isZero();
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
    assertThat(body.path("messages").get(1).path("content").asString())
        .contains("- How do I reset the X200 router?").endsWith("Last question: and its warranty?");
  }

  @Test
  void aQuestionWithoutEarlierOnesIsNotSentAtAll() {
    assertThat(condenser.condense("How do I reset the X200 router?", List.of())).isEqualTo("How do I reset the X200 router?");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void fallsBackWhenTheLlmFails() {
    server.then(Reply.json(500, "{\"error\":{\"message\":\"overloaded\"}}"));

    assertThat(condenser.condense("and its warranty?", EARLIER)).isEqualTo("fallback: and its warranty?");
  }

  @Test
  void fallsBackWhenTheLlmAnswersInsteadOfRewriting() {
    server.then(streamed("The warranty lasts two years.\nIt covers parts and labour."));

    assertThat(condenser.condense("and its warranty?", EARLIER)).isEqualTo("fallback: and its warranty?");
  }

  @Test
  void stripsTheQuotesAModelWrapsItsRewriteIn() {
    server.then(streamed("\"What is the warranty of the X200 router?\""));

    assertThat(condenser.condense("and its warranty?", EARLIER)).isEqualTo("What is the warranty of the X200 router?");
  }
}
