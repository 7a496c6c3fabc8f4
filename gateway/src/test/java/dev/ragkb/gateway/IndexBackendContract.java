package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import tools.jackson.databind.JsonNode;

/**
 * What the service must do on every index backend, over real HTTP: ingestion through the pipeline,
 * hybrid search and ask (text and vector hits fused, whichever stores hold them) with the ACL pushed
 * into the stores' queries, and a re-upload that replaces a document's chunks. A backend's test
 * extends it and registers, in its own {@code @DynamicPropertySource}, {@link #service} and the
 * properties that choose and reach its stores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IndexBackendContract {

  private static final String KEY = "test-key-backend";

  @LocalServerPort int port;
  private RestClient client;

  /** A fresh data dir and a known API key. */
  static void service(DynamicPropertyRegistry registry, String backend) {
    Path dataDir = Path.of("target", "it-data", backend.replace('+', '-') + "-" + UUID.randomUUID());
    registry.add("ragkb.data-dir", dataDir::toString);
    registry.add("ragkb.api-key", () -> KEY);
    registry.add("ragkb.index.backend", () -> backend);
  }

  @BeforeAll
  void ingest() {
    client = new RestClient(port, KEY);
    assertThat(client.post("/v1/knowledge-bases", Map.of("name", "handbook")).status()).isEqualTo(201);
    await(client.upload("handbook", new Multipart().file("zephyr-router.md", DocumentFixtures.routerMarkdown())));
    await(client.upload("handbook", new Multipart()
        .file("salaries.txt", text("The salary band for level 7 engineers tops out at 131000 dollars."))
        .json("metadata", "{\"documentId\":\"salaries\",\"acl\":{\"groups\":[\"hr\"]}}")));
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void await(RestClient.Response upload) {
    assertThat(upload.status()).isEqualTo(202);
    JsonNode job = client.awaitJob(upload.body().path("jobId").asString());
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
  }

  private JsonNode search(String query, Map<String, String> headers) {
    var r = client.post("/v1/knowledge-bases/handbook/search", Map.of("query", query, "topK", 5), headers);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body().path("hits");
  }

  @Test
  void answersFromTheChunksOfTheBackend() {
    var r = client.post("/v1/knowledge-bases/handbook/ask", Map.of("question", "How long do I hold the reset button?"));

    assertThat(r.body().path("abstained").asBoolean()).as(r.body().toString()).isFalse();
    assertThat(r.body().path("answer").asString()).contains("17 seconds");
    assertThat(r.body().path("citations").get(0).path("source").asString()).isEqualTo("zephyr-router.md");
  }

  @Test
  void showsARestrictedDocumentOnlyToItsGroup() {
    var outsider = search("salary band level 7 engineers", Map.of("X-Ragkb-User", "bob", "X-Ragkb-Groups", "sales"));
    var member = search("salary band level 7 engineers", Map.of("X-Ragkb-User", "carol", "X-Ragkb-Groups", "hr"));

    assertThat(outsider.toString()).doesNotContain("salaries.txt");
    assertThat(member.get(0).path("source").asString()).isEqualTo("salaries.txt");
  }

  @Test
  void highlightsTheQueryStemsInTheHitWhicheverBackendServedIt() {
    JsonNode fragment = search("holding the button", Map.of()).get(0).path("highlights").get(0);
    String text = fragment.path("text").asString();
    List<String> marked = new ArrayList<>();
    fragment.path("matches").forEach(m -> marked.add(text.substring(m.path("start").asInt(), m.path("end").asInt())));

    // matched by the knowledge base's English analyzer after retrieval, not by the backend's own
    assertThat(marked).containsExactly("hold", "button");
  }

  @Test
  void replacesADocumentsChunksWhenItsContentChanges() {
    await(client.upload("handbook", new Multipart()
        .file("salaries.txt", text("The salary band for level 8 architects tops out at 152000 dollars."))
        .json("metadata", "{\"documentId\":\"salaries\",\"acl\":{\"groups\":[\"hr\"]}}")));
    var hits = search("salary band", Map.of("X-Ragkb-User", "carol", "X-Ragkb-Groups", "hr"));

    assertThat(hits.toString()).contains("152000").doesNotContain("131000");
  }
}
