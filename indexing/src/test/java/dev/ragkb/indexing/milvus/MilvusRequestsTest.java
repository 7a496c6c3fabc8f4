package dev.ragkb.indexing.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.VectorQuery;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.TemplateValue;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.utils.DataUtils;
import io.milvus.v2.utils.SchemaUtils;
import io.milvus.v2.utils.VectorUtils;
import io.milvus.v2.service.vector.request.data.FloatVec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MilvusRequestsTest {

  private static MilvusIndex.Settings settings(MilvusIndex.Encoding encoding) {
    return new MilvusIndex.Settings("http://milvus:19530", null, "default", "ragkb_", encoding, 16, 200, 64,
        Duration.ofSeconds(10));
  }

  private final MilvusRequests requests = new MilvusRequests(settings(MilvusIndex.Encoding.FLOAT32));

  private static final Chunk CHUNK = new Chunk("d1#0", "d1", "kb", 2, "Hold the reset button.", "Router guide",
      "manuals/router.pdf", List.of("Setup", "Reset"), 4, 10, 32, new Acl(Set.of("alice"), Set.of("sales", "support")),
      Set.of("hardware"));

  @Test
  void namesOneCollectionPerKnowledgeBase() {
    assertThat(requests.collection("3f2c1a9e-0b4d-4e8f-9a51-2c7d8e6f1b30"))
        .isEqualTo("ragkb_3f2c1a9e_0b4d_4e8f_9a51_2c7d8e6f1b30");
  }

  @Test
  void createsACollectionOfChunkIdDocumentIdAclTagsPayloadAndVector() {
    CreateCollectionReq create = requests.createCollection("ragkb_kb", 384);

    var fields = create.getCollectionSchema().getFieldSchemaList();
    assertThat(fields).extracting(CreateCollectionReq.FieldSchema::getName)
        .containsExactly("chunk_id", "document_id", "acl", "tags", "payload", "vector");
    var chunkId = fields.getFirst();
    assertThat(chunkId.getIsPrimaryKey()).isTrue();
    assertThat(chunkId.getAutoID()).isFalse();
    assertThat(chunkId.getDataType()).isEqualTo(DataType.VarChar);
    assertThat(fields.get(2).getDataType()).isEqualTo(DataType.Array);
    assertThat(fields.get(2).getElementType()).isEqualTo(DataType.VarChar);
    assertThat(fields.get(5).getDataType()).isEqualTo(DataType.FloatVector);
    assertThat(fields.get(5).getDimension()).isEqualTo(384);
    assertThat(create.getConsistencyLevel()).isEqualTo(MilvusRequests.CONSISTENCY);
    assertThat(create.getIndexParams()).extracting(IndexParam::getFieldName)
        .containsExactly("vector", "document_id", "acl", "tags");
  }

  @Test
  void indexesVectorsWithHnswOverInnerProductPlainOrQuantized() {
    IndexParam plain = requests.indexes().getFirst();
    IndexParam int8 = new MilvusRequests(settings(MilvusIndex.Encoding.INT8)).indexes().getFirst();

    assertThat(plain.getIndexType()).isEqualTo(IndexParam.IndexType.HNSW);
    assertThat(plain.getMetricType()).isEqualTo(IndexParam.MetricType.IP);
    assertThat(plain.getExtraParams()).containsEntry("M", 16).containsEntry("efConstruction", 200).doesNotContainKey("sq_type");
    assertThat(int8.getIndexType()).isEqualTo(IndexParam.IndexType.HNSW_SQ);
    assertThat(int8.getExtraParams()).containsEntry("sq_type", "SQ8");
  }

  @Test
  void mapsAChunkToARowAndBackWithoutLoss() {
    var row = MilvusRows.toRow(new EmbeddedChunk(CHUNK, new float[] {0.6f, 0.8f}));

    assertThat(row.get("chunk_id").getAsString()).isEqualTo("d1#0");
    assertThat(row.get("document_id").getAsString()).isEqualTo("d1");
    assertThat(row.getAsJsonArray("acl").asList()).extracting(e -> e.getAsString())
        .containsExactly("u:alice", "g:sales", "g:support");
    assertThat(row.getAsJsonArray("tags").asList()).extracting(e -> e.getAsString()).containsExactly("hardware");
    assertThat(row.getAsJsonArray("vector").asList()).extracting(e -> e.getAsFloat()).containsExactly(0.6f, 0.8f);

    Map<String, Object> entity = new HashMap<>();
    entity.put("chunk_id", "d1#0");
    entity.put("document_id", "d1");
    entity.put("payload", row.get("payload").getAsString());
    assertThat(MilvusRows.toChunk(entity, "kb")).isEqualTo(CHUNK);
  }

  @Test
  void marksAPublicChunkAndKeepsANullPage() {
    Chunk c = new Chunk("d2#0", "d2", "kb", 0, "text", "t", "a.txt", List.of(), null, 0, 4, Acl.PUBLIC, Set.of());
    var row = MilvusRows.toRow(new EmbeddedChunk(c, new float[] {1f}));

    assertThat(row.getAsJsonArray("acl").asList()).extracting(e -> e.getAsString()).containsExactly("public");
    Map<String, Object> entity = Map.of("chunk_id", "d2#0", "document_id", "d2", "payload", row.get("payload").getAsString());
    assertThat(MilvusRows.toChunk(entity, "kb")).isEqualTo(c);
  }

  @Test
  void refusesAChunkTooLargeForMilvus() {
    Chunk huge = new Chunk("d3#0", "d3", "kb", 0, "x".repeat(70_000), "t", "a.txt", List.of(), null, 0, 70_000,
        Acl.PUBLIC, Set.of());
    assertThatThrownBy(() -> MilvusRows.toRow(new EmbeddedChunk(huge, new float[] {1f})))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void anAdminSearchWithoutFiltersHasNoExpression() {
    var search = requests.search("ragkb_kb", new VectorQuery("kb", new float[] {1f, 0f}, 7, SearchFilter.of(new Principal.Admin())));

    assertThat(search.getCollectionName()).isEqualTo("ragkb_kb");
    assertThat(search.getAnnsField()).isEqualTo("vector");
    assertThat(search.getLimit()).isEqualTo(7);
    assertThat(search.getFilter()).isNullOrEmpty();
    assertThat(search.getOutputFields()).containsExactly("chunk_id", "document_id", "payload");
    assertThat(search.getSearchParams()).containsEntry("ef", 64);
    assertThat(search.getData()).singleElement().isInstanceOf(FloatVec.class);
    assertThat(search.getConsistencyLevel()).isEqualTo(MilvusRequests.CONSISTENCY);
  }

  @Test
  void pushesAclDocumentAndTagFiltersIntoTheSearchAsTemplates() {
    var filter = new SearchFilter(new Principal.User("bob", Set.of("sales", "eng")), Set.of("d2", "d1"), Set.of("hr"));

    var search = requests.search("ragkb_kb", new VectorQuery("kb", new float[] {1f}, 200, filter));

    assertThat(search.getFilter())
        .isEqualTo("array_contains_any(acl, {acl}) and document_id in {document_ids} and array_contains_any(tags, {tags})");
    assertThat(search.getFilterTemplateValues())
        .containsEntry("acl", List.of("public", "u:bob", "g:eng", "g:sales"))
        .containsEntry("document_ids", List.of("d1", "d2"))
        .containsEntry("tags", List.of("hr"));
    // ef grows to top k, else Milvus would return fewer hits
    assertThat(search.getSearchParams()).containsEntry("ef", 200);
  }

  @Test
  void keepsHostileValuesOutOfTheExpression() {
    var filter = new SearchFilter(new Principal.User("x\" or 1==1 or \"", Set.of()), Set.of(), Set.of());

    var expression = MilvusFilters.of(filter);

    assertThat(expression.text()).isEqualTo("array_contains_any(acl, {acl})");
    assertThat(expression.values().get("acl")).isEqualTo(List.of("public", "u:x\" or 1==1 or \""));
  }

  @Test
  void replacesADocumentByDeletingTheChunksItNoLongerHas() {
    var delete = requests.delete("ragkb_kb", MilvusFilters.staleChunks("d1", List.of("d1#0", "d1#1")));
    var all = requests.delete("ragkb_kb", MilvusFilters.document("d1"));

    assertThat(delete.getFilter()).isEqualTo("document_id == {document_id} and chunk_id not in {kept}");
    assertThat(delete.getFilterTemplateValues()).containsEntry("document_id", "d1").containsEntry("kept", List.of("d1#0", "d1#1"));
    assertThat(all.getFilter()).isEqualTo("document_id == {document_id}");
    assertThat(all.getFilterTemplateValues()).containsEntry("document_id", "d1");
  }

  @Test
  void upsertsOneRowPerChunk() {
    var upsert = requests.upsert("ragkb_kb", List.of(new EmbeddedChunk(CHUNK, new float[] {1f, 0f})));

    assertThat(upsert.getCollectionName()).isEqualTo("ragkb_kb");
    assertThat(upsert.getData()).singleElement().satisfies(r -> assertThat(r.get("chunk_id").getAsString()).isEqualTo("d1#0"));
  }

  // The SDK's own conversion into the gRPC messages the server receives runs without a server: it
  // checks what the builders alone do not (template value types, rows against the schema).

  @Test
  void theSdkSendsTheSearchWithHostileValuesOnlyAsTemplateValues() {
    String hostile = "x\" or 1==1 or \"";
    var filter = new SearchFilter(new Principal.User(hostile, Set.of("eng")), Set.of("d') or (true"), Set.of("it's\\"));

    var wire = new VectorUtils().ConvertToGrpcSearchRequest(
        requests.search("ragkb_kb", new VectorQuery("kb", new float[] {0.6f, 0.8f}, 5, filter)));

    assertThat(wire.getCollectionName()).isEqualTo("ragkb_kb");
    assertThat(wire.getDsl())
        .isEqualTo("array_contains_any(acl, {acl}) and document_id in {document_ids} and array_contains_any(tags, {tags})");
    assertThat(templateStrings(wire.getExprTemplateValuesMap(), "acl")).containsExactly("public", "u:" + hostile, "g:eng");
    assertThat(templateStrings(wire.getExprTemplateValuesMap(), "document_ids")).containsExactly("d') or (true");
    assertThat(templateStrings(wire.getExprTemplateValuesMap(), "tags")).containsExactly("it's\\");
    assertThat(wire.getNq()).isEqualTo(1);
    assertThat(wire.getConsistencyLevel()).isEqualTo(io.milvus.grpc.ConsistencyLevel.Strong);
    assertThat(wire.getOutputFieldsList()).containsExactly("chunk_id", "document_id", "payload");
    assertThat(wire.getSearchParamsList()).extracting(KeyValuePair::getKey, KeyValuePair::getValue)
        .contains(tuple("anns_field", "vector"), tuple("metric_type", "IP"), tuple("topk", "5"));
  }

  @Test
  void theSdkSendsDeletesByDocumentWithTheIdsAsTemplateValues() {
    var wire = new DataUtils().ConvertToGrpcDeleteRequest(
        requests.delete("ragkb_kb", MilvusFilters.staleChunks("d\" or true or \"", List.of("d1#0", "d1#1"))));

    assertThat(wire.getCollectionName()).isEqualTo("ragkb_kb");
    assertThat(wire.getExpr()).isEqualTo("document_id == {document_id} and chunk_id not in {kept}");
    assertThat(wire.getExprTemplateValuesMap().get("document_id").getStringVal()).isEqualTo("d\" or true or \"");
    assertThat(templateStrings(wire.getExprTemplateValuesMap(), "kept")).containsExactly("d1#0", "d1#1");
  }

  @Test
  void theSdkAcceptsTheSchemaAndEveryRowAgainstIt() {
    var create = requests.createCollection("ragkb_kb", 2);
    Chunk plain = new Chunk("d2#0", "d2", "kb", 0, "text", "t", "a.txt", List.of(), null, 0, 4, Acl.PUBLIC, Set.of());

    var fields = create.getCollectionSchema().getFieldSchemaList().stream().map(SchemaUtils::convertToGrpcFieldSchema).toList();
    var wire = new DataUtils.InsertBuilderWrapper().convertGrpcUpsertRequest(requests.upsert("ragkb_kb",
        List.of(new EmbeddedChunk(CHUNK, new float[] {0.6f, 0.8f}), new EmbeddedChunk(plain, new float[] {1f, 0f}))),
        describe(create));

    assertThat(fields).extracting(FieldSchema::getName, FieldSchema::getDataType).containsExactly(
        tuple("chunk_id", io.milvus.grpc.DataType.VarChar), tuple("document_id", io.milvus.grpc.DataType.VarChar),
        tuple("acl", io.milvus.grpc.DataType.Array), tuple("tags", io.milvus.grpc.DataType.Array),
        tuple("payload", io.milvus.grpc.DataType.VarChar), tuple("vector", io.milvus.grpc.DataType.FloatVector));
    assertThat(fields.get(2).getElementType()).isEqualTo(io.milvus.grpc.DataType.VarChar);
    assertThat(fields.get(2).getTypeParamsList()).extracting(KeyValuePair::getKey, KeyValuePair::getValue)
        .contains(tuple("max_capacity", "1024"), tuple("max_length", "512"));
    assertThat(fields.get(5).getTypeParamsList()).extracting(KeyValuePair::getKey, KeyValuePair::getValue)
        .contains(tuple("dim", "2"));
    assertThat(wire.getNumRows()).isEqualTo(2);
    assertThat(wire.getFieldsDataList()).extracting(FieldData::getFieldName)
        .containsExactlyInAnyOrder("chunk_id", "document_id", "acl", "tags", "payload", "vector");
  }

  @Test
  void theSdkRefusesARowWhoseVectorDoesNotFitTheCollection() {
    var create = requests.createCollection("ragkb_kb", 3);

    assertThatThrownBy(() -> new DataUtils.InsertBuilderWrapper().convertGrpcUpsertRequest(
        requests.upsert("ragkb_kb", List.of(new EmbeddedChunk(CHUNK, new float[] {0.6f, 0.8f}))), describe(create)))
        .hasMessageContaining("vector");
  }

  /** What the server would answer when asked to describe the collection {@code create} made. */
  private static DescribeCollectionResp describe(CreateCollectionReq create) {
    return DescribeCollectionResp.builder()
        .collectionName(create.getCollectionName())
        .collectionSchema(create.getCollectionSchema())
        .primaryFieldName("chunk_id")
        .vectorFieldNames(List.of("vector"))
        .fieldNames(create.getCollectionSchema().getFieldSchemaList().stream().map(CreateCollectionReq.FieldSchema::getName).toList())
        .autoID(false)
        .enableDynamicField(false)
        .build();
  }

  private static List<String> templateStrings(Map<String, TemplateValue> values, String name) {
    return values.get(name).getArrayVal().getStringData().getDataList();
  }

  @Test
  void constructingTheIndexDoesNotConnect() {
    // nothing listens on port 9: a constructor that connected would fail here
    try (var index = new MilvusIndex(new MilvusIndex.Settings("http://127.0.0.1:9", null, "default", "ragkb_",
        MilvusIndex.Encoding.FLOAT32, 16, 200, 64, Duration.ofSeconds(1)))) {
      assertThat(index).isNotNull();
    }
  }
}
