package dev.ragkb.indexing.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Elasticsearch index per knowledge base ({@code <prefix><kbId>}), created on its first write:
 * a BM25 {@code body} field analysed for the knowledge base's language, an int8-quantized HNSW
 * {@code dense_vector} (unless Milvus holds the vectors), and keyword fields for ACL, tags and
 * document ids; the chunk's parent passage is kept in {@code _source} only. An index that exists
 * gets, on this process's first write to it, the fields added since it was created
 * ({@link IndexMapping#addFields}). Both searches push the same {@link FilterQueries} into the query.
 * Thread-safe; {@link #close()} releases the connections.
 *
 * <p>Needs no module beyond the server's own: no {@code _delete_by_query} (reindex module), no
 * {@code rrf} retriever (text and vector hits are fused by the caller), and health is read with
 * {@code GET /_cluster/health} rather than {@code GET /}.
 */
public final class ElasticsearchIndex implements ChunkIndex, TextIndex, VectorIndex, Closeable {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchIndex.class);
  private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  /** Page size when listing a document's chunk ids. */
  private static final int ID_PAGE = 1_000;
  /** The most candidates Elasticsearch accepts per shard in a knn query. */
  private static final int MAX_CANDIDATES = 10_000;

  /**
   * Where and how to write.
   *
   * @param url the cluster's HTTP endpoint
   * @param apiKey sent as {@code Authorization: ApiKey <apiKey>}; null for an unsecured cluster
   * @param indexPrefix prepended to the knowledge base id to name its index
   * @param replicas replicas per index (0 on a single node)
   * @param bulkOperations operations per bulk request
   * @param maxConcurrentBulks bulk requests in flight at once, across all writers
   * @param maxRetries how often operations rejected with 429 are sent again
   * @param retryBackoff the first pause before a retry; it doubles with each one
   * @param connectTimeout to open a connection
   * @param socketTimeout to wait for a response
   * @param numCandidates nearest-neighbour candidates per shard, at least top k: more is slower and
   *     closer to exact
   * @param analyzers analyzer names by language code, replacing {@link IndexMapping#analyzer}'s choice
   *     for those languages (a cluster without the analysis-common module has no {@code english})
   * @param vectors false when another store (Milvus) holds the vectors: new indexes then have no
   *     {@code dense_vector} field, writes carry no vectors and vector searches find nothing, so the
   *     cluster neither stores nor graphs them (as Lucene's {@code VectorFormat.NONE})
   */
  public record Settings(
      URI url,
      @Nullable String apiKey,
      String indexPrefix,
      int replicas,
      int bulkOperations,
      int maxConcurrentBulks,
      int maxRetries,
      Duration retryBackoff,
      Duration connectTimeout,
      Duration socketTimeout,
      int numCandidates,
      Map<String, String> analyzers,
      boolean vectors) {

    public Settings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(indexPrefix, "indexPrefix");
      Objects.requireNonNull(retryBackoff, "retryBackoff");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(socketTimeout, "socketTimeout");
      analyzers = Map.copyOf(analyzers);
      if (replicas < 0 || bulkOperations < 1 || maxConcurrentBulks < 1 || maxRetries < 0 || numCandidates < 1
          || numCandidates > MAX_CANDIDATES) {
        throw new IllegalArgumentException("bad Elasticsearch settings: " + this);
      }
    }

    /** Defaults for a cluster at {@code url}. */
    public static Settings of(URI url) {
      return new Settings(url, null, "ragkb-", 1, 500, 4, 5, Duration.ofMillis(200), Duration.ofSeconds(5),
          Duration.ofSeconds(60), 100, Map.of(), true);
    }

    public Settings withReplicas(int newReplicas) {
      return new Settings(url, apiKey, indexPrefix, newReplicas, bulkOperations, maxConcurrentBulks, maxRetries,
          retryBackoff, connectTimeout, socketTimeout, numCandidates, analyzers, vectors);
    }

    public Settings withAnalyzers(Map<String, String> newAnalyzers) {
      return new Settings(url, apiKey, indexPrefix, replicas, bulkOperations, maxConcurrentBulks, maxRetries,
          retryBackoff, connectTimeout, socketTimeout, numCandidates, newAnalyzers, vectors);
    }

    /** Text only: another store holds the vectors. */
    public Settings withoutVectors() {
      return new Settings(url, apiKey, indexPrefix, replicas, bulkOperations, maxConcurrentBulks, maxRetries,
          retryBackoff, connectTimeout, socketTimeout, numCandidates, analyzers, false);
    }

    /** The analyzer of a knowledge base's text field. */
    String analyzer(String language) {
      String code = IndexMapping.languageCode(language);
      return analyzers.getOrDefault(code, IndexMapping.analyzer(code));
    }

    @Override
    public String toString() {
      // never print the API key
      return "Settings[url=" + url + ", indexPrefix=" + indexPrefix + ", replicas=" + replicas + ", bulkOperations="
          + bulkOperations + ", maxConcurrentBulks=" + maxConcurrentBulks + ", maxRetries=" + maxRetries
          + ", numCandidates=" + numCandidates + ", analyzers=" + analyzers + ", vectors=" + vectors + "]";
    }
  }

  private final ElasticsearchTransport transport;
  private final ElasticsearchClient client;
  private final Settings settings;
  private final Function<String, String> languageOfKb;
  private final BulkWriter bulk;
  /** Indexes known to exist, so that only a knowledge base's first write asks. */
  private final Set<String> created = ConcurrentHashMap.newKeySet();

  ElasticsearchIndex(ElasticsearchTransport transport, Settings settings, Function<String, String> languageOfKb) {
    this.transport = transport;
    this.client = new ElasticsearchClient(transport);
    this.settings = settings;
    this.languageOfKb = languageOfKb;
    this.bulk = new BulkWriter(client, settings.bulkOperations(), settings.maxConcurrentBulks(), settings.maxRetries(),
        settings.retryBackoff());
  }

  /**
   * An index on the cluster at {@code settings.url()}. Cheap: nothing is sent until the first call.
   *
   * @param languageOfKb the language of a knowledge base, which picks its analyzer when its index is created
   */
  public static ElasticsearchIndex connect(Settings settings, Function<String, String> languageOfKb) {
    var builder = RestClient.builder(HttpHost.create(settings.url().toString()))
        .setRequestConfigCallback(rc -> rc
            .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
            .setSocketTimeout(Math.toIntExact(settings.socketTimeout().toMillis())));
    if (settings.apiKey() != null) {
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + settings.apiKey())});
    }
    return new ElasticsearchIndex(new RestClientTransport(builder.build(), new Jackson3JsonpMapper()), settings,
        languageOfKb);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Elasticsearch has no multi-document transaction, so this is weaker than Lucene's
   * {@code updateDocuments}: it lists the document's chunk ids, then sends one series of bulk
   * requests that index the new chunks and delete the old ones not among them, then refreshes.
   * Because the index refreshes only when asked, readers see the old chunks until that refresh and
   * the new ones after it, except when another writer's refresh falls between the bulk requests (or
   * a bulk request fails half-way): then a reader may briefly see both old and new chunks. Calling
   * again repairs that, since chunk ids are stable and the call is idempotent. Writes to one
   * document must not run concurrently (ingest orders them by document id); durable when it returns
   * (the translog is synced per request).
   */
  /** All documents of the batch go in one bulk request and one refresh, which is what makes batches cheaper. */
  @Override
  public void replaceDocuments(String kbId, Map<String, List<EmbeddedChunk>> chunksByDocument) {
    String index = ensureIndex(kbId);
    List<BulkOperation> operations = new ArrayList<>();
    int removed = 0;
    for (Map.Entry<String, List<EmbeddedChunk>> e : chunksByDocument.entrySet()) {
      String documentId = e.getKey();
      Set<String> stale = new HashSet<>(chunkIds(index, documentId));
      for (EmbeddedChunk c : e.getValue()) {
        if (!c.chunk().documentId().equals(documentId)) {
          throw new InvalidRequestException("chunk " + c.chunk().id() + " is not of document " + documentId);
        }
        stale.remove(c.chunk().id());
        ChunkDocument doc = ChunkDocument.of(c, settings.vectors());
        operations.add(BulkOperation.of(o -> o.index(i -> i.id(doc.chunkId()).document(doc))));
      }
      removed += stale.size();
      stale.stream().sorted().forEach(id -> operations.add(BulkOperation.of(o -> o.delete(d -> d.id(id)))));
    }
    bulk.write(index, operations);
    refresh(index);
    log.debug("replaced documents kb={} documents={} removedChunks={}", kbId, chunksByDocument.size(), removed);
  }

  /** What it was connected with. */
  public Settings settings() {
    return settings;
  }

  @Override
  public List<dev.ragkb.core.Hit> searchText(TextQuery query) {
    return search(query.kbId(), textSearch(indexName(query.kbId()), query));
  }

  /** Empty when this index keeps no vectors ({@link Settings#vectors}). */
  @Override
  public List<dev.ragkb.core.Hit> searchVectors(VectorQuery query) {
    if (!settings.vectors()) {
      return List.of();
    }
    return search(query.kbId(), vectorSearch(indexName(query.kbId()), query, settings.numCandidates()));
  }

  /** BM25 over the body, any analysed term matching, inside the filter. */
  static SearchRequest textSearch(String index, TextQuery query) {
    List<Query> filters = FilterQueries.of(query.filter());
    return SearchRequest.of(s -> s
        .index(index)
        .ignoreUnavailable(true)
        .size(query.topK())
        .trackTotalHits(t -> t.enabled(false))
        .source(src -> src.filter(f -> f.excludes(IndexMapping.BODY, IndexMapping.VECTOR)))
        .query(q -> q.bool(b -> b
            .must(m -> m.match(t -> t.field(IndexMapping.BODY).query(query.text())))
            .filter(filters))));
  }

  /** Approximate nearest neighbours, the filter applied during the graph search. */
  static SearchRequest vectorSearch(String index, VectorQuery query, int numCandidates) {
    List<Query> filters = FilterQueries.of(query.filter());
    float[] v = query.vector();
    List<Float> vector = new ArrayList<>(v.length);
    for (float x : v) {
      vector.add(x);
    }
    int k = query.topK();
    return SearchRequest.of(s -> s
        .index(index)
        .ignoreUnavailable(true)
        .size(k)
        .trackTotalHits(t -> t.enabled(false))
        .source(src -> src.filter(f -> f.excludes(IndexMapping.BODY, IndexMapping.VECTOR)))
        .query(q -> q.knn(n -> n
            .field(IndexMapping.VECTOR)
            .queryVector(vector)
            .k(k)
            .numCandidates(Math.min(MAX_CANDIDATES, Math.max(k, numCandidates)))
            .filter(filters))));
  }

  private List<dev.ragkb.core.Hit> search(String kbId, SearchRequest request) {
    SearchResponse<ChunkDocument> response;
    try {
      response = client.search(request, ChunkDocument.class);
    } catch (Exception e) {
      throw ElasticsearchFailures.translate("cannot search the index of knowledge base " + kbId, e);
    }
    List<dev.ragkb.core.Hit> hits = new ArrayList<>();
    for (Hit<ChunkDocument> h : response.hits().hits()) {
      ChunkDocument doc = Objects.requireNonNull(h.source(), "hit without _source");
      hits.add(dev.ragkb.core.Hit.of(doc.toChunk(kbId), h.score() == null ? 0 : h.score()));
    }
    return List.copyOf(hits);
  }

  /** The ids of a document's chunks, visible as of the last refresh. */
  private List<String> chunkIds(String index, String documentId) {
    List<String> ids = new ArrayList<>();
    String after = null;
    while (true) {
      SearchRequest request = idPage(index, documentId, after);
      List<Hit<Void>> page;
      try {
        page = client.search(request, Void.class).hits().hits();
      } catch (Exception e) {
        throw ElasticsearchFailures.translate("cannot list the chunks of document " + documentId, e);
      }
      page.forEach(h -> ids.add(h.id()));
      if (page.size() < ID_PAGE) {
        return ids;
      }
      after = page.getLast().id();
    }
  }

  static SearchRequest idPage(String index, String documentId, @Nullable String after) {
    return SearchRequest.of(s -> {
      s.index(index)
          .size(ID_PAGE)
          .trackTotalHits(t -> t.enabled(false))
          .source(src -> src.fetch(false))
          .query(q -> q.bool(b -> b.filter(FilterQueries.terms(IndexMapping.DOCUMENT_ID, List.of(documentId)))))
          .sort(o -> o.field(f -> f.field(IndexMapping.CHUNK_ID).order(SortOrder.Asc)));
      if (after != null) {
        s.searchAfter(FieldValue.of(after));
      }
      return s;
    });
  }

  private String ensureIndex(String kbId) {
    String index = indexName(kbId);
    if (created.contains(index)) {
      return index;
    }
    try {
      if (client.indices().exists(e -> e.index(index)).value()) {
        // it may predate a field this version writes; adding one that is there changes nothing
        client.indices().putMapping(IndexMapping.addFields(index));
      } else {
        client.indices().create(IndexMapping.create(index, settings.analyzer(languageOfKb.apply(kbId)), settings.replicas(),
            settings.vectors()));
        log.info("created Elasticsearch index {} kb={}", index, kbId);
      }
    } catch (ElasticsearchException e) {
      // another writer created it first
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw ElasticsearchFailures.translate("cannot create or update the index of knowledge base " + kbId, e);
      }
    } catch (IOException e) {
      throw ElasticsearchFailures.translate("cannot create or update the index of knowledge base " + kbId, e);
    }
    created.add(index);
    return index;
  }

  private void refresh(String index) {
    try {
      client.indices().refresh(r -> r.index(index));
    } catch (Exception e) {
      throw ElasticsearchFailures.translate("cannot refresh " + index, e);
    }
  }

  /** The index of a knowledge base; its id must be a valid index name once lower-cased (UUIDs are). */
  private String indexName(String kbId) {
    return indexName(settings.indexPrefix(), kbId);
  }

  static String indexName(String prefix, String kbId) {
    String name = prefix + kbId.toLowerCase(Locale.ROOT);
    if (!INDEX_NAME.matcher(name).matches()) {
      throw new InvalidRequestException("knowledge base id " + kbId + " does not make a valid index name");
    }
    return name;
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
