package dev.ragkb.indexing.cache;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.RetriableException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * Remembers every passage vector on disk, keyed by the SHA-256 of the model's name and the
 * passage's text, and asks the model only for passages it has not seen: re-ingesting a document,
 * or reindexing a knowledge base, embeds nothing that was embedded before. Queries pass through
 * uncached: each question would grow the store and is embedded once anyway.
 *
 * <p>The store is a Lucene index of (key, vector) pairs: one more directory under the data dir, no
 * more dependencies, crash-safe commits. A new vector is durable when {@link #embedPassages}
 * returns. Thread-safe; two callers that miss the same passage at once both embed it and the
 * second write replaces the first.
 */
public final class CachingEmbeddingModel implements EmbeddingModel, Closeable {

  private static final Logger log = LoggerFactory.getLogger(CachingEmbeddingModel.class);

  private static final String KEY = "key";
  private static final String VECTOR = "vector";

  private final EmbeddingModel model;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  /**
   * Opens or creates the store.
   *
   * @param directory where the store lives; shared by all models (the key holds the model's name)
   */
  public CachingEmbeddingModel(EmbeddingModel model, Path directory) {
    this.model = model;
    try {
      this.writer = new IndexWriter(FSDirectory.open(directory),
          new IndexWriterConfig(new KeywordAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new RetriableException("cannot open the embedding cache in " + directory, e);
    }
    log.info("embedding cache {} holds {} vectors", directory, writer.getDocStats().numDocs);
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    List<String> keys = passages.stream().map(this::key).toList();
    Map<String, float[]> found = lookUp(keys);
    // Distinct misses in first-seen order: a passage repeated within the batch is embedded once.
    Map<String, String> missing = new LinkedHashMap<>();
    for (int i = 0; i < passages.size(); i++) {
      if (!found.containsKey(keys.get(i))) {
        missing.putIfAbsent(keys.get(i), passages.get(i));
      }
    }
    if (!missing.isEmpty()) {
      List<float[]> fresh = model.embedPassages(List.copyOf(missing.values()));
      List<String> missingKeys = List.copyOf(missing.keySet());
      for (int i = 0; i < fresh.size(); i++) {
        found.put(missingKeys.get(i), fresh.get(i));
      }
      store(missingKeys, fresh);
    }
    List<float[]> out = new ArrayList<>(passages.size());
    keys.forEach(k -> out.add(found.get(k).clone()));
    return out;
  }

  @Override
  public float[] embedQuery(String query) {
    return model.embedQuery(query);
  }

  private Map<String, float[]> lookUp(List<String> keys) {
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
            // a vector of another length cannot be this model's: treat it as a miss and replace it
            if (v.length == model.dimension()) {
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

  private void store(List<String> keys, List<float[]> vectors) {
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

  private String key(String passage) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model.name().getBytes(StandardCharsets.UTF_8));
      // NUL cannot end a model name, so (name, text) pairs map to distinct byte strings
      sha.update((byte) 0);
      sha.update(passage.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
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

  /** Closes the store, not the model: whoever created the model closes it. */
  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
  }
}
