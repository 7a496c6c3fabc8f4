package dev.ragkb.indexing.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorQuery;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.contract.ChunkIndexContract;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The index contract against a real Elasticsearch node (9.5, from Maven jars, talked to by the 8.19
 * client), one node for the class. The node lacks the analysis-common module, so English text gets
 * the server's {@code stop} analyzer (stop words, no stemming) and Chinese text {@code standard}
 * (single characters, not {@code cjk}'s bigrams).
 */
class ElasticsearchIndexIT extends ChunkIndexContract {

  private static ElasticsearchNode node;
  private ElasticsearchIndex index;

  @BeforeAll
  static void startNode() throws Exception {
    node = ElasticsearchNode.start();
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void connect() {
    index = ElasticsearchIndex.connect(settings(), ChunkIndexContract::language);
  }

  private static ElasticsearchIndex.Settings settings() {
    return ElasticsearchIndex.Settings.of(node.url()).withReplicas(0).withAnalyzers(Map.of("en", "stop", "zh", "standard"));
  }

  @AfterEach
  void disconnect() throws Exception {
    index.close();
  }

  /** elasticsearch+milvus: the text side alone, with not a vector stored or graphed in Elasticsearch. */
  @Test
  void keepsNoVectorsWhenAnotherStoreHoldsThem() throws Exception {
    var settings = settings().withoutVectors();
    try (var textOnly = ElasticsearchIndex.connect(settings, ChunkIndexContract::language)) {
      var chunk = Fixtures.chunk(kb, "d", 0, "Hold the reset button.");
      textOnly.replaceDocument(kb, "d", List.of(new EmbeddedChunk(chunk, new float[] {0.6f, 0.8f})));

      assertThat(textOnly.searchText(new TextQuery(kb, "reset", 5, all()))).extracting(Hit::chunk).containsExactly(chunk);
      assertThat(textOnly.searchVectors(new VectorQuery(kb, new float[] {0.6f, 0.8f}, 5, all()))).isEmpty();
      String index = ElasticsearchIndex.indexName(settings.indexPrefix(), kb);
      var mapping = send(HttpRequest.newBuilder(node.url().resolve("/" + index + "/_mapping")));
      assertThat(mapping.statusCode()).isEqualTo(200);
      assertThat(mapping.body()).contains("\"body\"").doesNotContain("dense_vector").doesNotContain("\"vector\"");
    }
  }

  /** An index made before parents and dates were stored: its strict mapping lacks them until the first write adds them. */
  @Test
  void writesParentsAndDatesIntoAnIndexCreatedWithoutTheFields() throws Exception {
    String name = ElasticsearchIndex.indexName(settings().indexPrefix(), kb);
    var before = (ObjectNode) Json.of(IndexMapping.create(name, "stop", 0, true));
    ((ObjectNode) before.at("/mappings/properties")).remove(List.of(IndexMapping.PARENT_TEXT, IndexMapping.DATE));
    assertThat(send(HttpRequest.newBuilder(node.url().resolve("/" + name))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(before.toString()))).statusCode()).isEqualTo(200);
    Chunk c = Fixtures.chunk(kb, "d", 0, "Hold the reset button.");
    Chunk child = new Chunk(c.id(), c.documentId(), c.kbId(), c.ordinal(), c.text(), c.title(), c.source(),
        c.headingPath(), c.page(), c.startOffset(), c.endOffset(), c.acl(), c.tags(), "Hold the reset button. Then wait.", Instant.parse("2024-03-01T10:15:30.123Z"));
    var march = new SearchFilter(new Principal.Admin(), Set.of(), Set.of(),
        new SearchFilter.DateRange(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")));

    index.replaceDocument(kb, "d", List.of(new EmbeddedChunk(child, new float[] {0.6f, 0.8f})));

    assertThat(index.searchText(new TextQuery(kb, "reset", 5, all()))).extracting(Hit::chunk).containsExactly(child);
    assertThat(index.searchText(new TextQuery(kb, "reset", 5, march))).extracting(Hit::chunk).containsExactly(child);
    var mapping = Json.parse(send(HttpRequest.newBuilder(node.url().resolve("/" + name + "/_mapping"))).body());
    assertThat(mapping.at("/" + name + "/mappings/properties/" + IndexMapping.PARENT_TEXT))
        .isEqualTo(Json.parse("{'type': 'text', 'index': false}"));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  @Disabled("no cjk analyzer without analysis-common; ElasticsearchContainerIT covers it")
  @Test
  protected void matchesChineseWordsNotTheirCharactersApart() {}

  @Override
  @Disabled("no stemming without analysis-common, which Maven Central does not publish; ElasticsearchContainerIT covers it")
  @Test
  protected void findsChunksByStemmedWords() {}

  @Override
  protected ChunkIndex writer() {
    return index;
  }

  @Override
  protected TextIndex text() {
    return index;
  }

  @Override
  protected VectorIndex vectors() {
    return index;
  }
}
