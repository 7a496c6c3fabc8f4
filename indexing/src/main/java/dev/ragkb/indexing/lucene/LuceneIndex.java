package dev.ragkb.indexing.lucene;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Hit;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lucene index per knowledge base under a root directory, each holding a BM25 text field and an
 * HNSW vector field. Writes are committed before they return (durable) and visible to the next
 * search (near-real-time refresh). Thread-safe.
 */
public final class LuceneIndex implements ChunkIndex, TextIndex, VectorIndex, Closeable {

  private static final Logger log = LoggerFactory.getLogger(LuceneIndex.class);

  private final Path root;
  private final Function<String, String> languageOfKb;
  private final VectorFormat vectorFormat;
  private final Map<String, KbIndex> open = new ConcurrentHashMap<>();

  /** An index with float vectors. */
  public LuceneIndex(Path root, Function<String, String> languageOfKb) {
    this(root, languageOfKb, VectorFormat.FLOAT32);
  }

  /**
   * @param root where the per-knowledge-base directories live
   * @param languageOfKb the language of a knowledge base, which picks its analyzer
   * @param vectorFormat how new segments store vectors
   */
  public LuceneIndex(Path root, Function<String, String> languageOfKb, VectorFormat vectorFormat) {
    this.root = root;
    this.languageOfKb = languageOfKb;
    this.vectorFormat = vectorFormat;
  }

  private record KbIndex(IndexWriter writer, SearcherManager searchers, Analyzer analyzer) implements Closeable {
    @Override
    public void close() throws IOException {
      searchers.close();
      writer.close();
    }
  }

  private KbIndex index(String kbId) {
    return open.computeIfAbsent(kbId, this::openIndex);
  }

  private KbIndex openIndex(String kbId) {
    try {
      Analyzer analyzer = Analyzers.forLanguage(languageOfKb.apply(kbId));
      var config = new IndexWriterConfig(analyzer)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setCodec(vectorFormat.codec());
      IndexWriter writer = new IndexWriter(FSDirectory.open(root.resolve(kbId)), config);
      log.info("opened Lucene index kb={} docs={} vectors={}", kbId, writer.getDocStats().numDocs, vectorFormat);
      return new KbIndex(writer, new SearcherManager(writer, null), analyzer);
    } catch (IOException e) {
      throw new RetriableException("cannot open the index of knowledge base " + kbId, e);
    }
  }

  @Override
  public void replaceDocuments(String kbId, Map<String, List<EmbeddedChunk>> chunksByDocument) {
    KbIndex kb = index(kbId);
    try {
      for (Map.Entry<String, List<EmbeddedChunk>> e : chunksByDocument.entrySet()) {
        Term term = FilterQueries.documentTerm(e.getKey());
        if (e.getValue().isEmpty()) {
          kb.writer().deleteDocuments(term);
        } else {
          // updateDocuments deletes and adds as one atomic operation: readers never see a mix.
          kb.writer().updateDocuments(term, e.getValue().stream().map(c -> ChunkFields.toDocument(c, vectorFormat)).toList());
        }
      }
      kb.writer().commit();
      kb.searchers().maybeRefreshBlocking();
    } catch (IOException e) {
      throw new RetriableException("cannot write to the index of knowledge base " + kbId, e);
    }
  }

  @Override
  public List<Hit> searchText(TextQuery query) {
    KbIndex kb = index(query.kbId());
    Set<String> terms = analyze(kb.analyzer(), query.text());
    if (terms.isEmpty()) {
      return List.of();
    }
    Query q =
        new BooleanQuery.Builder()
            .add(bm25Query(terms), BooleanClause.Occur.MUST)
            .add(FilterQueries.of(query.filter()), BooleanClause.Occur.FILTER)
            .build();
    return search(kb, query.kbId(), q, query.topK());
  }

  /** A disjunction of the analysed terms over the text field, scored by BM25. */
  static Query bm25Query(Set<String> terms) {
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    terms.forEach(t -> text.add(new TermQuery(new Term(ChunkFields.BODY, t)), BooleanClause.Occur.SHOULD));
    return text.build();
  }

  @Override
  public List<Hit> searchVectors(VectorQuery query) {
    KbIndex kb = index(query.kbId());
    Query q = new KnnFloatVectorQuery(ChunkFields.VECTOR, query.vector(), query.topK(), FilterQueries.of(query.filter()));
    return search(kb, query.kbId(), q, query.topK());
  }

  /** How new segments store vectors; {@link VectorFormat#NONE} when another store holds them. */
  public VectorFormat vectorFormat() {
    return vectorFormat;
  }

  /** Number of chunks in a knowledge base's index. */
  public int chunkCount(String kbId) {
    return index(kbId).writer().getDocStats().numDocs;
  }

  private List<Hit> search(KbIndex kb, String kbId, Query q, int topK) {
    return withSearcher(kb, kbId, searcher -> {
      ScoreDoc[] top = searcher.search(q, topK).scoreDocs;
      // Stored fields are compressed in blocks: reading in doc id order decompresses each block once.
      Integer[] byDoc = new Integer[top.length];
      for (int i = 0; i < top.length; i++) {
        byDoc[i] = i;
      }
      java.util.Arrays.sort(byDoc, java.util.Comparator.comparingInt(i -> top[i].doc));
      StoredFields stored = searcher.storedFields();
      Hit[] hits = new Hit[top.length];
      for (int i : byDoc) {
        hits[i] = new Hit(ChunkFields.toChunk(stored.document(top[i].doc), kbId), top[i].score);
      }
      return List.of(hits);
    });
  }

  /** Work on an acquired searcher. */
  @FunctionalInterface
  interface SearcherWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  /** Runs {@code work} on the knowledge base's current searcher, released afterwards. */
  <T> T withSearcher(String kbId, SearcherWork<T> work) {
    return withSearcher(index(kbId), kbId, work);
  }

  /** The analyzer of a knowledge base's text field. */
  Analyzer analyzer(String kbId) {
    return index(kbId).analyzer();
  }

  private static <T> T withSearcher(KbIndex kb, String kbId, SearcherWork<T> work) {
    try {
      IndexSearcher searcher = kb.searchers().acquire();
      try {
        return work.run(searcher);
      } finally {
        kb.searchers().release(searcher);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot search the index of knowledge base " + kbId, e);
    }
  }

  static Set<String> analyze(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(ChunkFields.BODY, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing an in-memory string cannot fail", e);
    }
    return terms;
  }

  @Override
  public void close() throws IOException {
    for (KbIndex kb : open.values()) {
      kb.close();
    }
    open.clear();
  }
}
