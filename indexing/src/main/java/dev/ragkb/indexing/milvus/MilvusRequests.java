package dev.ragkb.indexing.milvus;

import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.VectorQuery;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddCollectionFieldReq;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every request {@link MilvusIndex} sends, from ragkb's types, so the mapping is tested
 * without a server.
 */
final class MilvusRequests {

  /**
   * Strong consistency: a search sees every write acknowledged before it, as with the Lucene index
   * (an answer right after an upload finds the upload). It waits for the newest timestamp to be
   * applied, a few milliseconds on a healthy cluster.
   */
  static final ConsistencyLevel CONSISTENCY = ConsistencyLevel.STRONG;

  private final MilvusIndex.Settings settings;

  MilvusRequests(MilvusIndex.Settings settings) {
    this.settings = settings;
  }

  /**
   * One collection per knowledge base. Milvus allows letters, digits and underscores; knowledge
   * base ids are UUIDs, whose hyphens become underscores without collisions.
   */
  String collection(String kbId) {
    return settings.collectionPrefix() + kbId.replaceAll("[^A-Za-z0-9_]", "_");
  }

  CreateCollectionReq createCollection(String collection, int dimension) {
    var schema = CreateCollectionReq.CollectionSchema.builder().build();
    schema.addField(AddFieldReq.builder().fieldName(MilvusRows.CHUNK_ID).dataType(DataType.VarChar)
        .maxLength(MilvusRows.MAX_ID_BYTES).isPrimaryKey(true).autoID(false).build());
    schema.addField(AddFieldReq.builder().fieldName(MilvusRows.DOCUMENT_ID).dataType(DataType.VarChar)
        .maxLength(MilvusRows.MAX_ID_BYTES).build());
    schema.addField(AddFieldReq.builder().fieldName(MilvusRows.ACL).dataType(DataType.Array)
        .elementType(DataType.VarChar).maxCapacity(MilvusRows.MAX_ACL_TERMS).maxLength(MilvusRows.MAX_ID_BYTES).build());
    schema.addField(AddFieldReq.builder().fieldName(MilvusRows.TAGS).dataType(DataType.Array)
        .elementType(DataType.VarChar).maxCapacity(MilvusRows.MAX_TAGS).maxLength(MilvusRows.MAX_ID_BYTES).build());
    schema.addField(AddFieldReq.builder().fieldName(MilvusRows.PAYLOAD).dataType(DataType.VarChar)
        .maxLength(MilvusRows.MAX_PAYLOAD_BYTES).build());
    schema.addField(AddFieldReq.builder().fieldName(MilvusRows.VECTOR).dataType(DataType.FloatVector)
        .dimension(dimension).build());
    // last, where adding it to an older collection puts it too
    schema.addField(AddFieldReq.builder().fieldName(MilvusRows.DATE).dataType(DataType.Int64).isNullable(true).build());
    return CreateCollectionReq.builder()
        .collectionName(collection)
        .description("ragkb chunks")
        .collectionSchema(schema)
        .indexParams(indexes())
        .consistencyLevel(CONSISTENCY)
        .build();
  }

  /**
   * HNSW over inner product (the vectors are unit length, so it equals cosine), plain or with
   * 8-bit scalar quantization; inverted indexes on the filtered scalar fields, so pre-filtering a
   * large collection does not scan it.
   */
  List<IndexParam> indexes() {
    Map<String, Object> hnsw = new HashMap<>();
    hnsw.put("M", settings.m());
    hnsw.put("efConstruction", settings.efConstruction());
    IndexParam.IndexType type = switch (settings.encoding()) {
      case FLOAT32 -> IndexParam.IndexType.HNSW;
      case INT8 -> {
        hnsw.put("sq_type", "SQ8");
        yield IndexParam.IndexType.HNSW_SQ;
      }
    };
    return List.of(
        IndexParam.builder().fieldName(MilvusRows.VECTOR).indexName("vector_hnsw").indexType(type)
            .metricType(IndexParam.MetricType.IP).extraParams(hnsw).build(),
        inverted(MilvusRows.DOCUMENT_ID),
        inverted(MilvusRows.ACL),
        inverted(MilvusRows.TAGS),
        // a sorted index serves the range comparisons of date filters
        IndexParam.builder().fieldName(MilvusRows.DATE).indexName("date_sorted").indexType(IndexParam.IndexType.STL_SORT)
            .build());
  }

  /**
   * Adds the date column to a collection created before dates were stored (Milvus 2.6 adds nullable
   * fields to a live collection); its existing rows read as undated.
   */
  AddCollectionFieldReq addDateField(String collection) {
    return AddCollectionFieldReq.builder().collectionName(collection).fieldName(MilvusRows.DATE).dataType(DataType.Int64)
        .isNullable(true).build();
  }

  private static IndexParam inverted(String field) {
    return IndexParam.builder().fieldName(field).indexName(field + "_inverted").indexType(IndexParam.IndexType.INVERTED).build();
  }

  UpsertReq upsert(String collection, List<EmbeddedChunk> chunks) {
    return UpsertReq.builder().collectionName(collection).data(chunks.stream().map(MilvusRows::toRow).toList()).build();
  }

  DeleteReq delete(String collection, MilvusFilters.Expression expression) {
    return DeleteReq.builder()
        .collectionName(collection)
        .filter(expression.text())
        .filterTemplateValues(new HashMap<>(expression.values()))
        .build();
  }

  SearchReq search(String collection, VectorQuery query) {
    MilvusFilters.Expression filter = MilvusFilters.of(query.filter());
    var b = SearchReq.builder()
        .collectionName(collection)
        .annsField(MilvusRows.VECTOR)
        .metricType(IndexParam.MetricType.IP)
        .data(List.of(new FloatVec(query.vector())))
        .limit(query.topK())
        .outputFields(List.of(MilvusRows.CHUNK_ID, MilvusRows.DOCUMENT_ID, MilvusRows.PAYLOAD))
        // ef below k would return fewer than k hits
        .searchParams(Map.of("ef", Math.max(settings.ef(), query.topK())))
        .consistencyLevel(CONSISTENCY);
    if (!filter.isEmpty()) {
      b.filter(filter.text()).filterTemplateValues(new HashMap<>(filter.values()));
    }
    return b.build();
  }
}
