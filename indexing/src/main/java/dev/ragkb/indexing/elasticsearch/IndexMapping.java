package dev.ragkb.indexing.elasticsearch;

import co.elastic.clients.elasticsearch._types.mapping.DenseVectorIndexOptionsType;
import co.elastic.clients.elasticsearch._types.mapping.DenseVectorSimilarity;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.elasticsearch.indices.PutMappingRequest;
import java.util.Locale;
import java.util.Map;

/** The settings and mappings of a knowledge base's index. */
final class IndexMapping {

  static final String CHUNK_ID = "chunkId";
  static final String DOCUMENT_ID = "documentId";
  static final String BODY = "body";
  static final String ACL = "acl";
  static final String TAGS = "tags";
  static final String VECTOR = "vector";
  /** The chunk's parent passage: returned with a hit for the generator, never searched. */
  static final String PARENT_TEXT = "parentText";
  /** The document's date, which date filters select on; written as epoch milliseconds. */
  static final String DATE = "date";

  /** Kept in {@code _source} only: neither searchable nor aggregatable (text has no doc values). */
  private static final Property STORED_TEXT = Property.of(p -> p.text(t -> t.index(false)));

  /**
   * Fields added after indexes were first created: an index made by an earlier version lacks them,
   * and its strict mapping would refuse every document carrying one, so {@link #addFields} puts them
   * into an existing index. Only new fields go in this way: changing an existing field's mapping
   * needs a new index and a reindex.
   */
  private static final Map<String, Property> ADDED = Map.of(
      PARENT_TEXT, STORED_TEXT,
      DATE, Property.of(p -> p.date(d -> d.format("epoch_millis||strict_date_optional_time"))));

  private IndexMapping() {}

  /** The primary language subtag: {@code en} of {@code en-GB}. */
  static String languageCode(String language) {
    return language.toLowerCase(Locale.ROOT).split("[-_]")[0];
  }

  /**
   * The built-in analyzer for a language code, as {@code Analyzers} picks Lucene's. The language
   * analyzers live in the analysis-common module that every Elasticsearch distribution ships; a node
   * without it knows only {@code standard}, {@code simple}, {@code stop}, {@code whitespace},
   * {@code keyword} and {@code classic} (see {@link ElasticsearchIndex.Settings#analyzers}).
   */
  static String analyzer(String languageCode) {
    return switch (languageCode) {
      case "en" -> "english";
      case "zh", "ja", "ko" -> "cjk";
      default -> "standard";
    };
  }

  /** @param vectors whether the index has the {@code dense_vector} field; without it, strict mapping refuses vectors */
  static CreateIndexRequest create(String index, String analyzer, int replicas, boolean vectors) {
    return CreateIndexRequest.of(c -> c.index(index).settings(settings(replicas)).mappings(mappings(analyzer, vectors)));
  }

  /** Puts {@link #ADDED} into an existing index; a field that is already there with this mapping is left as it is. */
  static PutMappingRequest addFields(String index) {
    return PutMappingRequest.of(p -> p.index(index).properties(ADDED));
  }

  private static IndexSettings settings(int replicas) {
    return IndexSettings.of(s -> s
        // One shard keeps BM25 statistics exact and lets one refresh publish a whole replace.
        .numberOfShards("1")
        .numberOfReplicas(Integer.toString(replicas))
        // Only ElasticsearchIndex's explicit refresh after a replace makes changes visible, so a
        // periodic refresh cannot publish half of one (see ElasticsearchIndex#replaceDocument).
        .refreshInterval(t -> t.time("-1")));
  }

  static TypeMapping mappings(String analyzer, boolean vectors) {
    Property keyword = Property.of(p -> p.keyword(k -> k));
    Property storedOnly = Property.of(p -> p.keyword(k -> k.index(false).docValues(false)));
    Property storedInt = Property.of(p -> p.integer(i -> i.index(false).docValues(false)));
    return TypeMapping.of(m -> {
      m.dynamic(DynamicMapping.Strict)
          .properties(CHUNK_ID, keyword)
          .properties(DOCUMENT_ID, keyword)
          .properties(ACL, keyword)
          .properties(TAGS, keyword)
          .properties(BODY, p -> p.text(t -> t.analyzer(analyzer)))
          .properties("text", STORED_TEXT)
          .properties("title", storedOnly)
          .properties("source", storedOnly)
          .properties("headings", storedOnly)
          .properties("page", storedInt)
          .properties("ordinal", storedInt)
          .properties("startOffset", storedInt)
          .properties("endOffset", storedInt)
          .properties(ADDED);
      if (vectors) {
        // Cosine equals the dot product on our unit-length embeddings, without dot_product's
        // rejection of vectors that are off unit length by rounding. Dimensions come from the first
        // vector indexed, so the index follows the knowledge base's embedding model.
        m.properties(VECTOR, p -> p.denseVector(v -> v
            .index(true)
            .similarity(DenseVectorSimilarity.Cosine)
            .indexOptions(o -> o.type(DenseVectorIndexOptionsType.Int8Hnsw))));
      }
      return m;
    });
  }
}
