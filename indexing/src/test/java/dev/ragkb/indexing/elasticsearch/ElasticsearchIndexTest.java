package dev.ragkb.indexing.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.Principal;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorQuery;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The requests the adapter sends and how it reads the answers, without a cluster. */
class ElasticsearchIndexTest {

  private static final SearchFilter BOB = SearchFilter.of(new Principal.User("bob", Set.of()));

  @Test
  void searchesTextWithBm25OverTheBodyInsideTheFilter() {
    var request = ElasticsearchIndex.textSearch("ragkb-kb", new TextQuery("kb", "reset the router", 7, BOB));

    assertThat(request.index()).containsExactly("ragkb-kb");
    assertThat(Json.of(request)).isEqualTo(Json.parse("""
        {'size': 7, 'track_total_hits': false, '_source': {'excludes': ['body', 'vector']},
         'query': {'bool': {'must': [{'match': {'body': {'query': 'reset the router'}}}],
                            'filter': [{'terms': {'acl': ['public', 'u:bob']}}]}}}"""));
  }

  @Test
  void searchesVectorsWithAFilteredKnnQuery() {
    var request = ElasticsearchIndex.vectorSearch("ragkb-kb", new VectorQuery("kb", new float[] {0.5f, 0.25f}, 5, BOB), 100);

    assertThat(Json.of(request)).isEqualTo(Json.parse("""
        {'size': 5, 'track_total_hits': false, '_source': {'excludes': ['body', 'vector']},
         'query': {'knn': {'field': 'vector', 'query_vector': [0.5, 0.25], 'k': 5, 'num_candidates': 100,
                           'filter': [{'terms': {'acl': ['public', 'u:bob']}}]}}}"""));
  }

  @Test
  void asksForAtLeastTopKCandidates() {
    var request = ElasticsearchIndex.vectorSearch("i", new VectorQuery("kb", new float[] {1f}, 300, BOB), 100);
    assertThat(request.query().knn().numCandidates()).isEqualTo(300);
  }

  @Test
  void pagesThroughADocumentsChunkIdsInIdOrder() {
    assertThat(Json.of(ElasticsearchIndex.idPage("i", "doc-1", "doc-1#41"))).isEqualTo(Json.parse("""
        {'size': 1000, 'track_total_hits': false, '_source': false,
         'query': {'bool': {'filter': [{'terms': {'documentId': ['doc-1']}}]}},
         'sort': [{'chunkId': {'order': 'asc'}}], 'search_after': ['doc-1#41']}"""));
  }

  @Test
  void createsAnIndexWithInt8HnswVectorsAndTheLanguagesAnalyzer() {
    var json = Json.of(IndexMapping.create("ragkb-kb", "english", 0, true));

    assertThat(json.at("/settings/number_of_shards").asString()).isEqualTo("1");
    assertThat(json.at("/settings/number_of_replicas").asString()).isEqualTo("0");
    assertThat(json.at("/settings/refresh_interval").asString()).isEqualTo("-1");
    assertThat(json.at("/mappings/dynamic").asString()).isEqualTo("strict");
    assertThat(json.at("/mappings/properties/body")).isEqualTo(Json.parse("{'type': 'text', 'analyzer': 'english'}"));
    assertThat(json.at("/mappings/properties/vector")).isEqualTo(Json.parse(
        "{'type': 'dense_vector', 'index': true, 'similarity': 'cosine', 'index_options': {'type': 'int8_hnsw'}}"));
    for (String keyword : List.of("chunkId", "documentId", "acl", "tags")) {
      assertThat(json.at("/mappings/properties/" + keyword)).isEqualTo(Json.parse("{'type': 'keyword'}"));
    }
    assertThat(json.at("/mappings/properties/parentText")).isEqualTo(Json.parse("{'type': 'text', 'index': false}"));
  }

  @Test
  void addsTheParentAndDateFieldsToAnIndexCreatedWithoutThem() {
    var request = IndexMapping.addFields("ragkb-kb");

    assertThat(request.index()).containsExactly("ragkb-kb");
    assertThat(Json.of(request)).isEqualTo(Json.parse("{'properties': {'parentText': {'type': 'text', 'index': false},"
        + " 'date': {'type': 'date', 'format': 'epoch_millis||strict_date_optional_time'}}}"));
  }

  @Test
  void keepsNoVectorsWhenMilvusHoldsThem() {
    Chunk c = dev.ragkb.core.Fixtures.chunk("kb", "d", 0, "text");
    var mapping = Json.of(IndexMapping.create("ragkb-kb", "english", 0, false)).at("/mappings/properties");
    var document = Json.of(ChunkDocument.of(new EmbeddedChunk(c, new float[] {0.6f, 0.8f}), false));

    assertThat(mapping.has("vector")).isFalse();
    assertThat(mapping.has("body")).isTrue();
    // strict mapping refuses any field it does not know, even a null one, so the field must be absent
    assertThat(document.has("vector")).isFalse();
    assertThat(document.at("/body").asString()).endsWith("text");
    assertThat(Json.of(ChunkDocument.of(new EmbeddedChunk(c, new float[] {0.6f, 0.8f}), true)).at("/vector"))
        .isEqualTo(Json.parse("[0.6, 0.8]"));
  }

  @Test
  void picksTheAnalyzerByLanguageUnlessConfigured() {
    var defaults = ElasticsearchIndex.Settings.of(URI.create("http://localhost:9200"));
    assertThat(defaults.analyzer("en-GB")).isEqualTo("english");
    assertThat(defaults.analyzer("zh")).isEqualTo("cjk");
    assertThat(defaults.analyzer("fr")).isEqualTo("standard");
    assertThat(defaults.withAnalyzers(Map.of("en", "stop")).analyzer("EN")).isEqualTo("stop");
  }

  @Test
  void namesAnIndexAfterTheKnowledgeBase() {
    assertThat(ElasticsearchIndex.indexName("ragkb-", "3F2A9C1E-77b0-4d1e-9a57-0c5f1f0d2e11"))
        .isEqualTo("ragkb-3f2a9c1e-77b0-4d1e-9a57-0c5f1f0d2e11");
    assertThatThrownBy(() -> ElasticsearchIndex.indexName("ragkb-", "a/b")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void storesAndRestoresEveryChunkField() {
    Chunk c = new Chunk("c1", "d1", "kb", 3, "Some text.", "A title", "dir/a.pdf", List.of("Intro", "Scope"), 7, 10,
        20, new Acl(Set.of("alice"), Set.of("sales")), Set.of("policy"), "Before. Some text. After.");
    ChunkDocument doc = ChunkDocument.of(new EmbeddedChunk(c, new float[] {1f}), true);

    assertThat(doc.acl()).containsExactlyInAnyOrder("u:alice", "g:sales");
    assertThat(doc.body()).isEqualTo("A title\nIntro Scope\nSome text.");
    assertThat(doc.toChunk("kb")).isEqualTo(c);
    assertThat(ChunkDocument.of(new EmbeddedChunk(dev.ragkb.core.Fixtures.chunk("kb", "d", 0, "t"), new float[] {1f}), true).acl()).containsExactly("public");
  }

  @Test
  void leavesTheParentFieldOutOfAChunkWithoutOne() {
    Chunk c = dev.ragkb.core.Fixtures.chunk("kb", "d", 0, "text");
    ChunkDocument doc = ChunkDocument.of(new EmbeddedChunk(c, new float[] {1f}), true);

    assertThat(Json.of(doc).has("parentText")).isFalse();
    assertThat(doc.toChunk("kb").parentText()).isNull();
  }

  @Test
  void sendsAgainOnlyTheOperationsRejectedForBackPressure() {
    List<BulkOperation> sent = List.of(delete("a"), delete("b"), delete("c"));
    BulkResponse response = BulkResponse.of(r -> r.errors(true).took(1).items(
        item("a", 200, null), item("b", 429, "es_rejected_execution_exception"), item("c", 200, null)));

    assertThat(BulkWriter.rejected("i", sent, response)).containsExactly(sent.get(1));
  }

  @Test
  void failsForGoodOnAnOperationTheClusterRefuses() {
    List<BulkOperation> sent = List.of(delete("a"));
    BulkResponse response = BulkResponse.of(r -> r.errors(true).took(1).items(item("a", 400, "mapper_parsing_exception")));

    assertThatThrownBy(() -> BulkWriter.rejected("i", sent, response))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("mapper_parsing_exception");
  }

  @Test
  void treatsOverloadOutagesAndIoFailuresAsRetriable() {
    assertThat(ElasticsearchFailures.translate("x", error(429))).isInstanceOf(RetriableException.class);
    assertThat(ElasticsearchFailures.translate("x", error(503))).isInstanceOf(RetriableException.class);
    assertThat(ElasticsearchFailures.translate("x", new IOException("refused"))).isInstanceOf(RetriableException.class);
    assertThat(ElasticsearchFailures.translate("x", error(400))).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void rejectsSettingsThatCannotWork() {
    var ok = ElasticsearchIndex.Settings.of(URI.create("http://localhost:9200"));
    assertThatThrownBy(() -> ok.withReplicas(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ok.toString()).doesNotContain("apiKey");
  }

  private static BulkOperation delete(String id) {
    return BulkOperation.of(o -> o.delete(d -> d.id(id)));
  }

  private static BulkResponseItem item(String id, int status, String errorType) {
    return BulkResponseItem.of(i -> {
      i.operationType(OperationType.Delete).index("i").id(id).status(status);
      if (errorType != null) {
        i.error(e -> e.type(errorType).reason("test"));
      }
      return i;
    });
  }

  private static ElasticsearchException error(int status) {
    return new ElasticsearchException("test", ErrorResponse.of(r -> r.status(status).error(e -> e.type("t").reason("r"))));
  }
}
