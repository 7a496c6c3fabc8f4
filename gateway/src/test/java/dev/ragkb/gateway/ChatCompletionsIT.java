package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/chat/completions} over real HTTP, as an OpenAI SDK calls it: answers with
 * citations, the streamed chunks, a conversation sent whole, access control, and the error statuses.
 * The generator is the extractive one, so a streamed answer equals the non-streamed one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatCompletionsIT {

  private static final String KEY = "chat-test-key";
  private static final String PATH = "/v1/chat/completions";
  private static final String MEAL_QUESTION = "What is the daily meal allowance abroad?";

  /** Under target/, because the cached application context outlives the test class. */
  private static final Path dataDir = Path.of("target", "it-data", "chat-" + UUID.randomUUID());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
  }

  @LocalServerPort int port;
  private RestClient client;

  @BeforeAll
  void ingestFixtures() {
    client = new RestClient(port, KEY);
    client.post("/v1/knowledge-bases", Map.of("name", "handbook"));
    var upload = client.upload("handbook", new Multipart()
        .file("warranty.pdf", DocumentFixtures.warrantyPdf())
        .file("travel-policy.docx", DocumentFixtures.travelDocx())
        .file("billing.html", DocumentFixtures.billingHtml()));
    assertThat(client.awaitJob(upload.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");

    client.post("/v1/knowledge-bases", Map.of("name", "restricted"));
    var restricted = client.upload("restricted", new Multipart()
        .file("salaries.txt", "The salary band for level 7 engineers tops out at 131000 dollars.".getBytes(StandardCharsets.UTF_8))
        .json("metadata", "{\"acl\":{\"groups\":[\"hr\"]}}"));
    assertThat(client.awaitJob(restricted.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");
  }

  private static Map<String, Object> message(String role, String content) {
    return Map.of("role", role, "content", content);
  }

  private static Map<String, Object> chat(String model, List<Map<String, Object>> messages) {
    return Map.of("model", model, "messages", messages);
  }

  private JsonNode complete(Map<String, Object> body, Map<String, String> headers) {
    var r = client.post(PATH, body, headers);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body();
  }

  @Test
  void answersInOpenAisShapeAndCitesTheDocumentHoldingTheFact() {
    JsonNode c = complete(chat("handbook", List.of(message("system", "You are a helpful travel assistant."),
        message("user", MEAL_QUESTION))), Map.of());

    assertThat(c.path("object").asString()).isEqualTo("chat.completion");
    assertThat(c.path("id").asString()).startsWith("chatcmpl-");
    assertThat(c.path("model").asString()).isEqualTo("handbook");
    assertThat(c.path("created").asLong()).isPositive();
    JsonNode choice = c.path("choices").get(0);
    assertThat(choice.path("index").asInt()).isZero();
    assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
    assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asString()).contains("62 euros").contains("[1]");
    JsonNode first = c.path("citations").get(0);
    assertThat(first.path("n").asInt()).isEqualTo(1);
    assertThat(first.path("source").asString()).isEqualTo("travel-policy.docx");
    assertThat(first.path("documentId").asString()).isNotBlank();
    assertThat(first.path("chunkId").asString()).isNotBlank();
    assertThat(c.path("abstained").asBoolean()).isFalse();
    assertThat(c.path("degraded").asBoolean()).isFalse();
    JsonNode usage = c.path("usage");
    assertThat(usage.path("completion_tokens").asInt()).isPositive();
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
  }

  @Test
  void streamsChunksWhoseDeltasAddUpToTheNonStreamedAnswerAndEndWithDone() {
    var conversation = List.of(message("user", MEAL_QUESTION));
    String whole = complete(chat("handbook", conversation), Map.of())
        .path("choices").get(0).path("message").path("content").asString();

    var r = client.postForText(PATH, Map.of("model", "handbook", "messages", conversation, "stream", true));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
    var stream = ChatCompletionChunks.parse(r.body());
    assertThat(stream.done()).isTrue();
    List<JsonNode> chunks = stream.chunks();
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.path("id").asString()).isEqualTo(chunks.getFirst().path("id").asString());
      assertThat(chunk.has("reset")).isFalse();
    });
    assertThat(chunks.getFirst().path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
    assertThat(stream.content()).isEqualTo(whole).contains("62 euros");
    JsonNode last = chunks.getLast();
    assertThat(last.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
    assertThat(last.path("citations").get(0).path("source").asString()).isEqualTo("travel-policy.docx");
    assertThat(last.path("degraded").asBoolean()).isFalse();
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allSatisfy(chunk -> assertThat(chunk.path("choices").get(0).path("finish_reason").isNull()).isTrue());
  }

  /** The same follow-up, asked after two different subjects, is answered from each one's document. */
  @Test
  void aFollowUpKeepsTheSubjectOfTheConversationItIsSentWith() {
    String followUp = "Within how many days?";
    JsonNode warranty = complete(chat("handbook", List.of(
        message("user", "What does the Aurora X2 warranty cover?"),
        message("assistant", "Parts and labour for two years [1]."),
        message("user", followUp))), Map.of());
    JsonNode refunds = complete(chat("handbook", List.of(
        message("user", "How are refunds handled?"),
        message("assistant", "They are processed by the billing team [1]."),
        message("user", followUp))), Map.of());

    assertThat(warranty.path("choices").get(0).path("message").path("content").asString()).contains("45 days");
    assertThat(warranty.path("citations").get(0).path("source").asString()).isEqualTo("warranty.pdf");
    assertThat(refunds.path("choices").get(0).path("message").path("content").asString()).contains("9 working days");
    assertThat(refunds.path("citations").get(0).path("source").asString()).isEqualTo("billing.html");
  }

  @Test
  void aUserNeverGetsACitationOfADocumentTheyMayNotRead() {
    var question = chat("restricted", List.of(message("user", "What is the top of the level 7 salary band?")));

    JsonNode outsider = complete(question, Map.of("X-Ragkb-User", "bob", "X-Ragkb-Groups", "sales"));
    var streamed = client.postForText(PATH, Map.of("model", "restricted", "messages", question.get("messages"),
        "stream", true), Map.of("X-Ragkb-User", "bob"));
    JsonNode member = complete(question, Map.of("X-Ragkb-User", "carol", "X-Ragkb-Groups", "hr"));

    assertThat(outsider.path("citations").size()).isZero();
    assertThat(outsider.path("abstained").asBoolean()).isTrue();
    assertThat(outsider.toString()).doesNotContain("131000");
    assertThat(streamed.body()).doesNotContain("131000").doesNotContain("salaries.txt");
    assertThat(member.path("citations").get(0).path("source").asString()).isEqualTo("salaries.txt");
  }

  @Test
  void answersErrorsAsProblemJson() {
    var question = List.of(message("user", MEAL_QUESTION));
    var unknownModel = client.post(PATH, chat("nope", question));
    var noMessages = client.post(PATH, chat("handbook", List.of()));
    var noUserMessage = client.post(PATH, chat("handbook", List.of(message("system", "Be brief."))));
    var malformed = client.postRaw(PATH, "{\"model\": \"handbook\", \"messages\": [", Map.of());
    var twoChoices = client.post(PATH, Map.of("model", "handbook", "messages", question, "n", 2));
    var anonymous = client.withKey(null).post(PATH, chat("handbook", question));

    assertThat(unknownModel.status()).isEqualTo(404);
    assertThat(unknownModel.body().path("type").asString()).isEqualTo("urn:ragkb:problem:not_found");
    for (var r : List.of(noMessages, noUserMessage, malformed, twoChoices)) {
      assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
      assertThat(r.body().path("status").asInt()).isEqualTo(400);
    }
    assertThat(twoChoices.body().path("detail").asString()).contains("n ");
    assertThat(anonymous.status()).isEqualTo(401);
    for (var r : List.of(unknownModel, noMessages, noUserMessage, malformed, twoChoices, anonymous)) {
      assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
    }
  }

  @Test
  void isDescribedInTheOpenApiDocument() {
    var r = client.get("/v3/api-docs");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("paths").has(PATH)).isTrue();
  }
}
