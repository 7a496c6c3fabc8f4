package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * The REST contract over real HTTP on a random port: ingestion of PDF, DOCX, HTML and Markdown
 * through the real pipeline, cited answers, abstention, access control, and the error statuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiIT {

  private static final String KEY = "test-key-123";

  /** Under target/, because the cached application context outlives the test class. */
  private static final Path dataDir = Path.of("target", "it-data", "rest-api-" + UUID.randomUUID());

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
    assertThat(client.post("/v1/knowledge-bases", Map.of("name", "handbook")).status()).isEqualTo(201);
    var upload = client.upload("handbook", new Multipart()
        .file("warranty.pdf", DocumentFixtures.warrantyPdf())
        .file("travel-policy.docx", DocumentFixtures.travelDocx())
        .file("billing.html", DocumentFixtures.billingHtml())
        .file("zephyr-router.md", DocumentFixtures.routerMarkdown()));
    assertThat(upload.status()).isEqualTo(202);
    assertThat(upload.body().path("documentIds").size()).isEqualTo(4);
    JsonNode job = client.awaitJob(upload.body().path("jobId").asString());
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.path("succeeded").asInt()).isEqualTo(4);
  }

  private JsonNode ask(String question) {
    var r = client.post("/v1/knowledge-bases/handbook/ask", Map.of("question", question));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body();
  }

  @Test
  void answersFromTheOnlyDocumentHoldingTheFactAndCitesItAsOne() {
    JsonNode a = ask("What is the daily meal allowance abroad?");

    assertThat(a.path("abstained").asBoolean()).isFalse();
    assertThat(a.path("answer").asString()).contains("62 euros").contains("[1]");
    JsonNode first = a.path("citations").get(0);
    assertThat(first.path("n").asInt()).isEqualTo(1);
    assertThat(first.path("source").asString()).isEqualTo("travel-policy.docx");
    assertThat(first.path("title").asString()).isEqualTo("Travel policy");
    assertThat(first.path("documentId").asString()).isNotBlank();
    assertThat(first.path("chunkId").asString()).isNotBlank();
    assertThat(first.path("snippet").asString()).contains("62 euros");
  }

  @Test
  void streamsTheAnswerAsServerSentEventsEndingWithTheWholeAnswer() {
    var r = client.postForText("/v1/knowledge-bases/handbook/ask",
        Map.of("question", "What is the daily meal allowance abroad?", "stream", true));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
    List<ServerSentEvent> events = ServerSentEvent.parse(r.body());
    assertThat(events.getFirst().name()).isEqualTo("token");
    ServerSentEvent done = events.getLast();
    assertThat(done.name()).isEqualTo("done");
    assertThat(done.data().path("answer").asString()).contains("62 euros").isEqualTo(ServerSentEvent.text(events));
    assertThat(done.data().path("citations").get(0).path("source").asString()).isEqualTo("travel-policy.docx");
    assertThat(done.data().path("degraded").asBoolean()).isFalse();
  }

  @Test
  void citesThePdfPageThatHoldsTheFact() {
    JsonNode a = ask("Within how many days must Aurora X2 warranty claims be filed?");

    assertThat(a.path("answer").asString()).contains("45 days");
    JsonNode first = a.path("citations").get(0);
    assertThat(first.path("source").asString()).isEqualTo("warranty.pdf");
    assertThat(first.path("page").asInt()).isEqualTo(2);
  }

  @Test
  void answersFromMarkdownUnderItsHeading() {
    JsonNode a = ask("How long must I hold the reset button on the Zephyr-9?");

    assertThat(a.path("answer").asString()).contains("17 seconds");
    assertThat(a.path("citations").get(0).path("source").asString()).isEqualTo("zephyr-router.md");
  }

  @Test
  void abstainsWhenTheKnowledgeBaseHoldsNoAnswer() {
    JsonNode a = ask("Who painted the Mona Lisa?");

    assertThat(a.path("abstained").asBoolean()).isTrue();
    assertThat(a.path("citations").size()).isZero();
    assertThat(a.path("answer").asString()).containsIgnoringCase("could not find");
  }

  @Test
  void greetsSmallTalkWithoutSearching() {
    JsonNode a = ask("Hello!");

    assertThat(a.path("intent").asString()).isEqualTo("small_talk");
    assertThat(a.path("citations").size()).isZero();
    assertThat(a.path("abstained").asBoolean()).isFalse();
    assertThat(ask("What is the daily meal allowance abroad?").path("intent").asString()).isEqualTo("question");
  }

  @Test
  void aFollowUpInAConversationKeepsItsSubject() {
    String conversation = "conv-" + UUID.randomUUID();
    client.post("/v1/knowledge-bases/handbook/ask",
        Map.of("question", "What does the Aurora X2 warranty cover?", "conversationId", conversation));
    var followUp = client.post("/v1/knowledge-bases/handbook/ask",
        Map.of("question", "And within how many days must claims for it be filed?", "conversationId", conversation));

    assertThat(followUp.body().path("answer").asString()).contains("45 days");
    assertThat(followUp.body().path("citations").get(0).path("source").asString()).isEqualTo("warranty.pdf");
  }

  @Test
  void searchReturnsHitsWithTheirSourceAndPage() {
    var r = client.post("/v1/knowledge-bases/handbook/search", Map.of("query", "refunds processed", "topK", 3));

    assertThat(r.status()).isEqualTo(200);
    JsonNode hits = r.body().path("hits");
    assertThat(hits.size()).isBetween(1, 3);
    assertThat(hits.get(0).path("source").asString()).isEqualTo("billing.html");
    assertThat(hits.get(0).path("snippet").asString()).contains("Refunds");
    assertThat(hits.get(0).path("score").asDouble()).isPositive();
  }

  /** The fixtures are generated by the test, so each is dated today, by its metadata or by its ingestion. */
  @Test
  void searchAndAskFilterByTheDocumentsDate() {
    var since2000 = client.post("/v1/knowledge-bases/handbook/search",
        Map.of("query", "refunds processed", "topK", 3, "filters", Map.of("from", "2000-01-01")));
    var before2000 = client.post("/v1/knowledge-bases/handbook/search",
        Map.of("query", "refunds processed", "topK", 3, "filters", Map.of("from", "1990-01-01T00:00:00Z", "to", "2000-01-01")));
    var askBefore2000 = client.post("/v1/knowledge-bases/handbook/ask",
        Map.of("question", "How long does a refund take?", "filters", Map.of("to", "2000-01-01T00:00:00Z")));

    assertThat(since2000.status()).as(since2000.body().toString()).isEqualTo(200);
    assertThat(since2000.body().path("hits").get(0).path("source").asString()).isEqualTo("billing.html");
    assertThat(Instant.parse(since2000.body().path("hits").get(0).path("date").asString())).isAfter(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(before2000.status()).isEqualTo(200);
    assertThat(before2000.body().path("hits").size()).isZero();
    assertThat(askBefore2000.body().path("abstained").asBoolean()).isTrue();
  }

  @Test
  void answersAnUnparseableOrEmptyDateRangeWith400() {
    var unparseable = client.post("/v1/knowledge-bases/handbook/search",
        Map.of("query", "refunds", "filters", Map.of("from", "last tuesday")));
    var empty = client.post("/v1/knowledge-bases/handbook/search",
        Map.of("query", "refunds", "filters", Map.of("from", "2024-02-01", "to", "2024-01-01")));
    var emptyAsk = client.post("/v1/knowledge-bases/handbook/ask",
        Map.of("question", "refunds?", "filters", Map.of("from", "2024-01-01", "to", "2024-01-01T00:00:00Z")));

    for (var r : List.of(unparseable, empty, emptyAsk)) {
      assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
      assertThat(r.body().path("type").asString()).isEqualTo("urn:ragkb:problem:invalid_request");
    }
    assertThat(unparseable.body().path("detail").asString()).contains("filters.from");
  }

  @Test
  void searchHitsCarryHighlightsOfTheQueryStemsAsCharacterRanges() {
    var r = client.post("/v1/knowledge-bases/handbook/search", Map.of("query", "refund processing", "topK", 3));

    assertThat(r.status()).isEqualTo(200);
    JsonNode hits = r.body().path("hits");
    for (JsonNode hit : hits) {
      assertThat(hit.path("highlights").size()).as(hit.toString()).isBetween(1, 3);
    }
    JsonNode fragment = hits.get(0).path("highlights").get(0);
    String text = fragment.path("text").asString();
    assertThat(hits.get(0).path("snippet").asString()).contains(text);
    List<String> marked = new ArrayList<>();
    fragment.path("matches").forEach(m -> marked.add(text.substring(m.path("start").asInt(), m.path("end").asInt())));
    // "refund" and "processing" match by their English stems
    assertThat(marked).containsExactly("Refunds", "processed");
  }

  @Test
  void reuploadingUnchangedContentIsSkipped() {
    var again = client.upload("handbook", new Multipart().file("billing.html", DocumentFixtures.billingHtml()));
    JsonNode job = client.awaitJob(again.body().path("jobId").asString());

    assertThat(job.path("skipped").asInt()).isEqualTo(1);
    assertThat(job.path("succeeded").asInt()).isZero();
  }

  @Test
  void aDocumentRestrictedToAGroupIsInvisibleToOthers() {
    client.post("/v1/knowledge-bases", Map.of("name", "restricted"));
    var upload = client.upload("restricted", new Multipart()
        .file("salaries.txt", "The salary band for level 7 engineers tops out at 131000 dollars.".getBytes(StandardCharsets.UTF_8))
        .json("metadata", "{\"acl\":{\"groups\":[\"hr\"]}}"));
    client.awaitJob(upload.body().path("jobId").asString());
    var query = Map.of("query", "salary band level 7 engineers");

    var outsider = client.post("/v1/knowledge-bases/restricted/search", query, Map.of("X-Ragkb-User", "bob", "X-Ragkb-Groups", "sales"));
    var member = client.post("/v1/knowledge-bases/restricted/search", query, Map.of("X-Ragkb-User", "carol", "X-Ragkb-Groups", "hr"));
    var outsiderAsk = client.post("/v1/knowledge-bases/restricted/ask", Map.of("question", "What is the top of the level 7 salary band?"),
        Map.of("X-Ragkb-User", "bob"));

    assertThat(outsider.body().path("hits").size()).isZero();
    assertThat(member.body().path("hits").size()).isEqualTo(1);
    assertThat(outsiderAsk.body().path("abstained").asBoolean()).isTrue();
    assertThat(outsiderAsk.body().toString()).doesNotContain("131000");
  }

  @Test
  void refusesRequestsWithoutAValidKeyButLeavesHealthOpen() {
    var anonymous = client.withKey(null).get("/v1/knowledge-bases");
    var wrong = client.withKey("not-the-key").get("/v1/knowledge-bases");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.raw().headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
    assertThat(anonymous.body().path("status").asInt()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(client.withKey(null).get("/actuator/health").status()).isEqualTo(200);
    assertThat(client.get("/v1/knowledge-bases").status()).isEqualTo(200);
  }

  @Test
  void answersUnknownKnowledgeBasesAndJobsWith404() {
    var ask = client.post("/v1/knowledge-bases/nope/ask", Map.of("question", "anything?"));
    var upload = client.upload("nope", new Multipart().file("a.txt", "hello".getBytes(StandardCharsets.UTF_8)));
    var job = client.get("/v1/jobs/no-such-job");

    for (var r : List.of(ask, upload, job)) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body().path("type").asString()).isEqualTo("urn:ragkb:problem:not_found");
    }
  }

  @Test
  void answersMalformedJsonAndInvalidBodiesWith400() {
    var malformed = client.postRaw("/v1/knowledge-bases/handbook/ask", "{\"question\": ", Map.of());
    var blank = client.post("/v1/knowledge-bases/handbook/ask", Map.of("question", " "));
    var badName = client.post("/v1/knowledge-bases", Map.of("name", "../etc"));

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().path("status").asInt()).isEqualTo(400);
    assertThat(blank.status()).isEqualTo(400);
    assertThat(badName.status()).isEqualTo(400);
  }

  @Test
  void answersAnUnsupportedFileWith415AndADuplicateNameWith409() {
    // an executable, not an image: images are accepted where Tesseract is installed (they are read by OCR)
    byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
    var binary = client.upload("handbook", new Multipart().file("setup.bin", elf));
    var duplicate = client.post("/v1/knowledge-bases", Map.of("name", "handbook"));

    assertThat(binary.status()).isEqualTo(415);
    assertThat(binary.body().path("detail").asString()).contains("setup.bin");
    assertThat(duplicate.status()).isEqualTo(409);
  }

  @Test
  void aBadFileFailsAloneWhileTheRestOfItsBatchIsIngested() {
    client.post("/v1/knowledge-bases", Map.of("name", "mixed"));
    var upload = client.upload("mixed", new Multipart()
        .file("good.txt", "The cafeteria opens at 7:30 every weekday.".getBytes(StandardCharsets.UTF_8))
        .file("broken.pdf", "%PDF-1.7 this is not really a PDF".getBytes(StandardCharsets.UTF_8))
        .file("picture.png", DocumentFixtures.png()));
    JsonNode job = client.awaitJob(upload.body().path("jobId").asString());

    assertThat(job.path("status").asString()).isEqualTo("partially_failed");
    assertThat(job.path("succeeded").asInt()).isEqualTo(1);
    assertThat(job.path("failed").asInt()).isEqualTo(2);
    assertThat(job.path("errors").findValuesAsString("source")).containsExactlyInAnyOrder("broken.pdf", "picture.png");
  }
}
