package dev.ragkb.indexing.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.JsonObject;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
      Set.of("hardware"), "Unplug it. Hold the reset button. Wait for the light.", Instant.parse("2024-03-01T10:15:30.123Z"));

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
        .containsExactly("chunk_id", "document_id", "acl", "tags", "payload", "vector", "date");
    var chunkId = fields.getFirst();
    assertThat(chunkId.getIsPrimaryKey()).isTrue();
    assertThat(chunkId.getAutoID()).isFalse();
    assertThat(chunkId.getDataType()).isEqualTo(DataType.VarChar);
    assertThat(fields.get(2).getDataType()).isEqualTo(DataType.Array);
    assertThat(fields.get(2).getElementType()).isEqualTo(DataType.VarChar);
    assertThat(fields.get(5).getDataType()).isEqualTo(DataType.FloatVector);
    assertThat(fields.get(5).getDimension()).isEqualTo(384);
    // nullable, so chunks without a date are stored, and Milvus can add it to an older collection
    assertThat(fields.get(6).getDataType()).isEqualTo(DataType.Int64);
    assertThat(fields.get(6).getIsNullable()).isTrue();
    assertThat(create.getConsistencyLevel()).isEqualTo(MilvusRequests.CONSISTENCY);
    assertThat(create.getIndexParams()).extracting(IndexParam::getFieldName)
        .containsExactly("vector", "document_id", "acl", "tags", "date");
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

    assertThat(MilvusRows.toChunk(entity(CHUNK, row), "kb")).isEqualTo(CHUNK);
  }

  @Test
  void marksAPublicChunkAndKeepsANullPageAndParent() {
    Chunk c = new Chunk("d2#0", "d2", "kb", 0, "text", "t", "a.txt", List.of(), null, 0, 4, Acl.PUBLIC, Set.of());
    var row = MilvusRows.toRow(new EmbeddedChunk(c, new float[] {1f}));

    assertThat(row.getAsJsonArray("acl").asList()).extracting(e -> e.getAsString()).containsExactly("public");
    assertThat(row.get("payload").getAsString()).doesNotContain("parent");
    assertThat(MilvusRows.toChunk(entity(c, row), "kb")).isEqualTo(c);
  }

  @Test
  void keepsAParentThatFillsThePayloadAndLeavesOutOneByteMore() {
    int rest = payloadBytes(withParent(CHUNK, ""));
    Chunk fits = withParent(CHUNK, "x".repeat(MilvusRows.MAX_PAYLOAD_BYTES - rest));
    Chunk tooLong = withParent(CHUNK, "x".repeat(MilvusRows.MAX_PAYLOAD_BYTES - rest + 1));

    assertThat(payloadBytes(fits)).isEqualTo(MilvusRows.MAX_PAYLOAD_BYTES);
    assertThat(readBack(fits)).isEqualTo(fits);
    assertThat(readBack(tooLong)).isEqualTo(withParent(CHUNK, null));
  }

  @Test
  void countsAParentsLengthInUtf8Bytes() {
    // 30,000 characters, far below the limit, but 90,000 bytes: Milvus would refuse the row
    Chunk chinese = withParent(CHUNK, "路".repeat(30_000));

    assertThat(readBack(chinese).parentText()).isNull();
  }

  private static Chunk withParent(Chunk c, String parent) {
    return new Chunk(c.id(), c.documentId(), c.kbId(), c.ordinal(), c.text(), c.title(), c.source(), c.headingPath(),
        c.page(), c.startOffset(), c.endOffset(), c.acl(), c.tags(), parent);
  }

  private static int payloadBytes(Chunk c) {
    return MilvusRows.toRow(new EmbeddedChunk(c, new float[] {1f})).get("payload").getAsString()
        .getBytes(StandardCharsets.UTF_8).length;
  }

  /** The chunk as a search reads it back from the row it is written as. */
  private static Chunk readBack(Chunk c) {
    return MilvusRows.toChunk(entity(c, MilvusRows.toRow(new EmbeddedChunk(c, new float[] {1f}))), c.kbId());
  }

  private static Map<String, Object> entity(Chunk c, JsonObject row) {
    return Map.of("chunk_id", c.id(), "document_id", c.documentId(), "payload", row.get("payload").getAsString());
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
  void pushesEitherEndOfADateRangeIntoTheSearchAsEpochMillis() {
    Instant from = Instant.parse("2024-01-01T00:00:00Z");
    Instant to = Instant.parse("2024-02-01T00:00:00Z");
    var admin = new Principal.Admin();

    var both = MilvusFilters.of(new SearchFilter(admin, Set.of(), Set.of(), new SearchFilter.DateRange(from, to)));
    var since = MilvusFilters.of(new SearchFilter(admin, Set.of(), Set.of(), new SearchFilter.DateRange(from, null)));

    assertThat(both.text()).isEqualTo("date >= {date_from} and date < {date_to}");
    assertThat(both.values()).containsEntry("date_from", from.toEpochMilli()).containsEntry("date_to", to.toEpochMilli());
    assertThat(since.text()).isEqualTo("date >= {date_from}");
  }

  @Test
  void addsTheDateFieldToAnOlderCollectionAsNullable() {
    var add = requests.addDateField("ragkb_kb");

    assertThat(add.getCollectionName()).isEqualTo("ragkb_kb");
    assertThat(add.getFieldName()).isEqualTo("date");
    assertThat(add.getDataType()).isEqualTo(DataType.Int64);
    assertThat(add.getIsNullable()).isTrue();
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
        tuple("payload", io.milvus.grpc.DataType.VarChar), tuple("vector", io.milvus.grpc.DataType.FloatVector),
        tuple("date", io.milvus.grpc.DataType.Int64));
    assertThat(fields.get(2).getElementType()).isEqualTo(io.milvus.grpc.DataType.VarChar);
    assertThat(fields.get(2).getTypeParamsList()).extracting(KeyValuePair::getKey, KeyValuePair::getValue)
        .contains(tuple("max_capacity", "1024"), tuple("max_length", "512"));
    assertThat(fields.get(5).getTypeParamsList()).extracting(KeyValuePair::getKey, KeyValuePair::getValue)
        .contains(tuple("dim", "2"));
    assertThat(wire.getNumRows()).isEqualTo(2);
    assertThat(wire.getFieldsDataList()).extracting(FieldData::getFieldName)
        .containsExactlyInAnyOrder("chunk_id", "document_id", "acl", "tags", "payload", "vector", "date");
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
