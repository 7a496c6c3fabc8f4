package dev.ragkb.indexing.milvus;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Redacted;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.vector.response.SearchResp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors in Milvus, one collection per knowledge base, created on its first write with the
 * dimension of its vectors. ACL, document, tag and date filters are part of the search expression, so
 * Milvus filters during the graph search and the top k stay full. A collection created before dates
 * were stored gets the date column when this process first finds it ({@link #exists}).
 *
 * <p>Milvus has no multi-entity transactions, so a replacement upserts the new chunks, then deletes
 * the document's other chunks: a search in between may see both (chunk ids are stable, so an
 * unchanged chunk is never missing). Every call is durable and visible to the next search
 * (strong consistency) when it returns.
 *
 * <p>The connection opens on first use, not at construction: the SDK connects in its constructor
 * and fails after its timeout when no server answers, which must not stop the service from
 * starting. Failures of Milvus are {@link RetriableException}s. Thread-safe.
 */
public final class MilvusIndex implements ChunkIndex, VectorIndex, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MilvusIndex.class);

  /** How the HNSW graph stores vectors. */
  public enum Encoding {
    FLOAT32,
    /** HNSW_SQ with 8-bit scalar quantization: about a quarter of the memory. */
    INT8
  }

  /**
   * Where Milvus is and how its collections are built.
   *
   * @param uri such as {@code http://milvus:19530}
   * @param token {@code user:password} or an API key; null when authentication is off
   * @param database the Milvus database
   * @param collectionPrefix prepended to each knowledge base's id to name its collection
   * @param encoding plain or quantized vectors in the graph
   * @param m HNSW's links per node
   * @param efConstruction HNSW's candidate list while building
   * @param ef HNSW's candidate list while searching (at least top k)
   * @param timeout to connect, and for each call
   */
  public record Settings(String uri, @Nullable String token, String database, String collectionPrefix,
      Encoding encoding, int m, int efConstruction, int ef, Duration timeout) {
    @Override
    public String toString() {
      return Redacted.toString(this, "token");
    }

    public Settings {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(encoding, "encoding");
      if (!collectionPrefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("a collection prefix starts with a letter or _ and holds letters, digits and _: " + collectionPrefix);
      }
      if (m < 2 || efConstruction < 1 || ef < 1 || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("bad HNSW or timeout settings: " + m + ", " + efConstruction + ", " + ef + ", " + timeout);
      }
    }
  }

  private final Settings settings;
  private final MilvusRequests requests;
  private final Set<String> existing = ConcurrentHashMap.newKeySet();
  private volatile @Nullable MilvusClientV2 client;

  public MilvusIndex(Settings settings) {
    this.settings = settings;
    this.requests = new MilvusRequests(settings);
  }

  /** Milvus has no multi-document transaction: each document is upserted, then its stale chunks deleted. */
  @Override
  public void replaceDocuments(String kbId, Map<String, List<EmbeddedChunk>> chunksByDocument) {
    chunksByDocument.forEach((documentId, chunks) -> replaceOne(kbId, documentId, chunks));
  }

  private void replaceOne(String kbId, String documentId, List<EmbeddedChunk> chunks) {
    if (chunks.isEmpty()) {
      deleteDocument(kbId, documentId);
      return;
    }
    String collection = requests.collection(kbId);
    ensureCollection(collection, chunks.getFirst().vector().length);
    var upsert = requests.upsert(collection, chunks);
    call("upsert into " + collection, () -> client().upsert(upsert));
    var stale = requests.delete(collection,
        MilvusFilters.staleChunks(documentId, chunks.stream().map(c -> c.chunk().id()).toList()));
    call("delete from " + collection, () -> client().delete(stale));
  }

  @Override
  public void deleteDocument(String kbId, String documentId) {
    String collection = requests.collection(kbId);
    if (exists(collection)) {
      var delete = requests.delete(collection, MilvusFilters.document(documentId));
      call("delete from " + collection, () -> client().delete(delete));
    }
  }

  @Override
  public List<Hit> searchVectors(VectorQuery query) {
    String collection = requests.collection(query.kbId());
    if (!exists(collection)) {
      return List.of();
    }
    var search = requests.search(collection, query);
    SearchResp response = call("search in " + collection, () -> client().search(search));
    return response.getSearchResults().getFirst().stream()
        .map(r -> new Hit(MilvusRows.toChunk(r.getEntity(), query.kbId()), r.getScore()))
        .toList();
  }

  private boolean exists(String collection) {
    if (existing.contains(collection)) {
      return true;
    }
    boolean found = call("look up " + collection,
        () -> client().hasCollection(HasCollectionReq.builder().collectionName(collection).build()));
    if (found) {
      addMissingFields(collection);
      existing.add(collection);
    }
    return found;
  }

  /** Before a date filter or a dated row reaches a collection that predates the date column. */
  private synchronized void addMissingFields(String collection) {
    var describe = DescribeCollectionReq.builder().collectionName(collection).build();
    List<String> fields = call("describe " + collection, () -> client().describeCollection(describe)).getFieldNames();
    if (!fields.contains(MilvusRows.DATE)) {
      var add = requests.addDateField(collection);
      call("add the date field to " + collection, () -> {
        client().addCollectionField(add);
        return null;
      });
      log.info("added the date field to Milvus collection {}", collection);
    }
  }

  private synchronized void ensureCollection(String collection, int dimension) {
    if (!exists(collection)) {
      var create = requests.createCollection(collection, dimension);
      // created with its index parameters, so Milvus builds the indexes and loads the collection
      call("create " + collection, () -> {
        client().createCollection(create);
        return null;
      });
      existing.add(collection);
      log.info("created Milvus collection {} dim={} encoding={}", collection, dimension, settings.encoding());
    }
  }

  private MilvusClientV2 client() {
    MilvusClientV2 c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          var config = ConnectConfig.builder()
              .uri(settings.uri())
              .dbName(settings.database())
              .connectTimeoutMs(settings.timeout().toMillis())
              .rpcDeadlineMs(settings.timeout().toMillis());
          if (settings.token() != null) {
            config.token(settings.token());
          }
          c = new MilvusClientV2(config.build());
          client = c;
        }
      }
    }
    return c;
  }

  /** Runs a call to Milvus; any failure of the SDK or the server becomes a {@link RetriableException}. */
  private <T> T call(String what, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw new RetriableException("Milvus at " + settings.uri() + ": cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    MilvusClientV2 c = client;
    if (c != null) {
      c.close();
    }
  }
}
