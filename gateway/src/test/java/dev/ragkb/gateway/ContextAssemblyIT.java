package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * Small-to-big through the REST API with the default extractive generator: retrieval matches one
 * small chunk, the generator reads the chunk's parent section, and a fact that sits in the section
 * but outside the matched chunk is answered and cited at its span in the document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContextAssemblyIT {

  private static final String KEY = "test-key-context";
  private static final Path dataDir = Path.of("target", "it-data", "context-" + UUID.randomUUID());

  private static final String FACT = "Fellows currently receive 4,300 euros per month.";

  /** The "Stipend" section is one parent of three small chunks: one sentence each at 16 tokens a chunk. */
  private static final String FELLOWSHIP = """
      # Kestrel fellowship

      ## Stipend

      The Kestrel fellowship stipend is reviewed by the board every spring.

      The board publishes its decision in April on the notice board.

      %s

      ## Eligibility

      Applicants must hold a doctorate in marine biology.
      """.formatted(FACT);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
    registry.add("ragkb.ingest.chunk-max-tokens", () -> "16");
    registry.add("ragkb.ingest.chunk-overlap-tokens", () -> "0");
    // only the best chunk is retrieved and read, so whatever else the answer holds came from its parent
    registry.add("ragkb.generator.max-sources", () -> "1");
  }

  @LocalServerPort int port;
  private RestClient client;

  @BeforeAll
  void ingest() {
    client = new RestClient(port, KEY);
    client.post("/v1/knowledge-bases", Map.of("name", "fellowships"));
    var upload = client.upload("fellowships",
        new Multipart().file("kestrel.md", FELLOWSHIP.getBytes(StandardCharsets.UTF_8)));
    assertThat(client.awaitJob(upload.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");
  }

  private JsonNode ask(String question) {
    var r = client.post("/v1/knowledge-bases/fellowships/ask", Map.of("question", question));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body();
  }

  @Test
  void answersWithAFactOfTheMatchedChunksSectionAndCitesWhereItStands() {
    String question = "How large is the Kestrel fellowship stipend?";
    // what makes the test mean something: the one chunk retrieval finds does not hold the fact
    JsonNode top = client.post("/v1/knowledge-bases/fellowships/search", Map.of("query", question, "topK", 1))
        .body().path("hits").get(0);
    assertThat(top.path("snippet").asString()).contains("Kestrel fellowship stipend").doesNotContain("4,300");

    JsonNode a = ask(question);

    assertThat(a.path("abstained").asBoolean()).as(a.toString()).isFalse();
    assertThat(a.path("answer").asString()).contains(FACT + " [1]");
    assertThat(a.path("citations").size()).isEqualTo(1);
    JsonNode citation = a.path("citations").get(0);
    assertThat(citation.path("source").asString()).isEqualTo("kestrel.md");
    assertThat(citation.path("documentId").asString()).isEqualTo(top.path("documentId").asString());
    assertThat(citation.path("chunkId").asString()).as("the chunk that brought the section in").isEqualTo(top.path("chunkId").asString());
    String snippet = citation.path("snippet").asString();
    assertThat(snippet).contains(FACT);
    assertThat(citation.path("snippetEnd").asInt() - citation.path("snippetStart").asInt()).isEqualTo(snippet.length());
  }

  @Test
  void citesTheFactAtTheSameDocumentOffsetWhenItIsTheMatchedChunkItself() {
    JsonNode viaParent = ask("How large is the Kestrel fellowship stipend?").path("citations").get(0);
    JsonNode direct = ask("How many euros per month do fellows currently receive?").path("citations").get(0);

    assertThat(offsetOfFact(viaParent)).isEqualTo(offsetOfFact(direct)).isPositive();
  }

  private static int offsetOfFact(JsonNode citation) {
    int at = citation.path("snippet").asString().indexOf(FACT);
    assertThat(at).as(citation.toString()).isNotNegative();
    return citation.path("snippetStart").asInt() + at;
  }
}
