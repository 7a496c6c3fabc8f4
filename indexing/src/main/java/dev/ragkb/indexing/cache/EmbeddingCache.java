package dev.ragkb.indexing.cache;

import dev.ragkb.core.RetriableException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store behind {@link CachingEmbeddingModel}: passage vectors on disk, keyed by the SHA-256 of a
 * model's name and the passage's text, so one store serves every model of the process and a vector
 * of one model is never found for another.
 *
 * <p>A Lucene index of (key, vector) pairs: one more directory under the data dir, no more
 * dependencies, crash-safe commits. A stored vector is durable when {@link #store} returns.
 * Thread-safe; one process opens a directory at a time (Lucene's write lock).
 */
public final class EmbeddingCache implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddingCache.class);

  private static final String KEY = "key";
  private static final String VECTOR = "vector";

  private final IndexWriter writer;
  private final SearcherManager searchers;

  /** Opens or creates the store in {@code directory}. */
  public EmbeddingCache(Path directory) {
    try {
      this.writer = new IndexWriter(FSDirectory.open(directory),
          new IndexWriterConfig(new KeywordAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new RetriableException("cannot open the embedding cache in " + directory, e);
    }
    log.info("embedding cache {} holds {} vectors", directory, writer.getDocStats().numDocs);
  }

  /** The key of a passage embedded by a model. */
  static String key(String modelName, String passage) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(modelName.getBytes(StandardCharsets.UTF_8));
      // NUL cannot end a model name, so (name, text) pairs map to distinct byte strings
      sha.update((byte) 0);
      sha.update(passage.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The stored vectors of those keys that have one of length {@code dimension}; a vector of another
   * length cannot be the model's and counts as missing (it is replaced when stored again).
   */
  Map<String, float[]> lookUp(Collection<String> keys, int dimension) {
    Map<String, float[]> found = new LinkedHashMap<>();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        for (String key : keys) {
          if (found.containsKey(key)) {
            continue;
          }
          TopDocs top = searcher.search(new TermQuery(new Term(KEY, key)), 1);
          if (top.scoreDocs.length > 0) {
            float[] v = decode(searcher.storedFields().document(top.scoreDocs[0].doc).getBinaryValue(VECTOR));
            if (v.length == dimension) {
              found.put(key, v);
            }
          }
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot read the embedding cache", e);
    }
    return found;
  }

  /** Stores the vectors under their keys (same order) and commits. */
  void store(List<String> keys, List<float[]> vectors) {
    try {
      for (int i = 0; i < keys.size(); i++) {
        Document d = new Document();
        d.add(new StringField(KEY, keys.get(i), Field.Store.NO));
        d.add(new StoredField(VECTOR, encode(vectors.get(i))));
        writer.updateDocument(new Term(KEY, keys.get(i)), d);
      }
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new RetriableException("cannot write to the embedding cache", e);
    }
  }

  private static BytesRef encode(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return new BytesRef(b.array());
  }

  private static float[] decode(BytesRef bytes) {
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
  }
}
