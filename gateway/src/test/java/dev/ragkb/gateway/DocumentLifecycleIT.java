package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A document's life over HTTP, through the embedded Kafka broker: replaced under its id, deleted from
 * every store, its job followed as server-sent events, and the dead-letter replay endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentLifecycleIT {

  private static final String KEY = "lifecycle-key";
  private static final Path dataDir = Path.of("target", "it-data", "lifecycle-" + UUID.randomUUID());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
  }

  @LocalServerPort int port;
  private RestClient client;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  void createKnowledgeBase() {
    client = new RestClient(port, KEY);
    assertThat(client.post("/v1/knowledge-bases", Map.of("name", "life")).status()).isEqualTo(201);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.header("Authorization", "Bearer " + KEY).timeout(Duration.ofMinutes(1)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private JsonNode put(String documentId, String name, String text) throws Exception {
    Multipart body = new Multipart().file(name, text.getBytes(StandardCharsets.UTF_8));
    var r = send(at("/v1/knowledge-bases/life/documents/" + documentId).header("Content-Type", body.contentType())
        .PUT(body.publisher()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return client.awaitJob(json.readTree(r.body()).path("jobId").asString());
  }

  private List<String> hits(String query) {
    JsonNode hits = client.post("/v1/knowledge-bases/life/search", Map.of("query", query)).body().path("hits");
    return hits.findValuesAsString("snippet");
  }

  @Test
  void putReplacesTheContentAndKeepsTheId() throws Exception {
    put("holiday-policy", "holidays.txt", "Staff receive twenty-five vacation days each year.");
    JsonNode job = put("holiday-policy", "holidays.txt", "Staff receive thirty vacation days each year.");

    assertThat(job.path("succeeded").asInt()).isEqualTo(1);
    assertThat(hits("vacation days")).singleElement().asString().contains("thirty");
    JsonNode docs = client.get("/v1/knowledge-bases/life/documents").body();
    assertThat(docs.findValuesAsString("documentId")).containsOnlyOnce("holiday-policy");
  }

  @Test
  void deleteRemovesTheDocumentFromSearchAndListingAndAnswers404Again() throws Exception {
    put("obsolete-memo", "memo.txt", "The loading dock moves to building Q on Monday.");
    assertThat(hits("loading dock building")).hasSize(1);

    var deleted = send(at("/v1/knowledge-bases/life/documents/obsolete-memo").DELETE());
    var again = send(at("/v1/knowledge-bases/life/documents/obsolete-memo").DELETE());

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(hits("loading dock building")).isEmpty();
    assertThat(client.get("/v1/knowledge-bases/life/documents").body().findValuesAsString("documentId"))
        .doesNotContain("obsolete-memo");
  }

  @Test
  void jobEventsStreamProgressUntilTheJobIsFinal() throws Exception {
    var upload = client.upload("life", new Multipart()
        .file("a.txt", "Printers on floor two need badge release.".getBytes(StandardCharsets.UTF_8))
        .file("b.txt", "The gym opens at six in the morning.".getBytes(StandardCharsets.UTF_8)));
    String jobId = upload.body().path("jobId").asString();

    var stream = send(at("/v1/jobs/" + jobId + "/events").header("Accept", "text/event-stream").GET());

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
    List<JsonNode> events = stream.body().lines().filter(l -> l.startsWith("data:"))
        .map(l -> json.readTree(l.substring("data:".length()))).toList();
    assertThat(stream.body()).contains("event:progress");
    assertThat(events).isNotEmpty();
    assertThat(events.getLast().path("status").asString()).isEqualTo("succeeded");
    assertThat(events.getLast().path("done").asInt()).isEqualTo(2);
    assertThat(events).extracting(e -> e.path("done").asInt()).isSorted();
  }

  @Test
  void eventsOfAnUnknownJobAre404() throws Exception {
    assertThat(send(at("/v1/jobs/no-such-job/events").GET()).statusCode()).isEqualTo(404);
  }

  @Test
  void replayingDeadLettersReportsWhatItDid() {
    var r = client.post("/v1/dead-letters/replay", Map.of());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("deadLetters").asInt()).isGreaterThanOrEqualTo(r.body().path("replayed").asInt());
  }
}
