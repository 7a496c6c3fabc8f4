package dev.ragkb.indexing.lucene;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Hit;
import dev.ragkb.core.HybridIndex;
import dev.ragkb.core.Ranked;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lucene index per knowledge base under a root directory, each holding a BM25 text field and an
 * HNSW vector field. Writes are committed before they return (durable) and visible to the next
 * search (near-real-time refresh). Thread-safe.
 */
public final class LuceneIndex implements ChunkIndex, TextIndex, VectorIndex, HybridIndex, Closeable {

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
    Query q = textQuery(kb, query);
    return q == null ? List.of() : search(kb, query.kbId(), q, query.topK());
  }

  /** BM25 over the analysed terms within the filter; null when the text has no searchable terms. */
  private static @Nullable Query textQuery(KbIndex kb, TextQuery query) {
    Set<String> terms = Analyzers.terms(kb.analyzer(), query.text());
    if (terms.isEmpty()) {
      return null;
    }
    Query filter = FilterQueries.of(query.filter());
    if (filter instanceof MatchAllDocsQuery) {
      return bm25Query(terms);
    }
    return new BooleanQuery.Builder()
        .add(bm25Query(terms), BooleanClause.Occur.MUST)
        .add(filter, BooleanClause.Occur.FILTER)
        .build();
  }

  /** A disjunction of the analysed terms over the text field, scored by BM25. */
  static Query bm25Query(Set<String> terms) {
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    terms.forEach(t -> text.add(new TermQuery(new Term(ChunkFields.BODY, t)), BooleanClause.Occur.SHOULD));
    return text.build();
  }

  @Override
  public List<Hit> searchVectors(VectorQuery query) {
    return search(index(query.kbId()), query.kbId(), knnQuery(query), query.topK());
  }

  /** kNN within the filter, applied during the graph search; no filter at all when everything is readable. */
  private static Query knnQuery(VectorQuery query) {
    Query filter = FilterQueries.of(query.filter());
    return new KnnFloatVectorQuery(ChunkFields.VECTOR, query.vector(), query.topK(),
        filter instanceof MatchAllDocsQuery ? null : filter);
  }

  @Override
  public List<Hit> searchHybrid(TextQuery text, VectorQuery vector, CandidateFusion fusion) {
    if (!text.kbId().equals(vector.kbId())) {
      throw new IllegalArgumentException("text and vector queries name different knowledge bases");
    }
    KbIndex kb = index(text.kbId());
    Query bm25 = textQuery(kb, text);
    Query knn = knnQuery(vector);
    return withSearcher(kb, text.kbId(), searcher -> {
      List<Ranked<Integer>> textRanking = bm25 == null ? List.of() : ranked(searcher.search(bm25, text.topK()));
      List<Ranked<Integer>> chosen = fusion.select(textRanking, ranked(searcher.search(knn, vector.topK())));
      int[] docs = chosen.stream().mapToInt(Ranked::key).toArray();
      double[] scores = chosen.stream().mapToDouble(Ranked::score).toArray();
      return load(searcher, text.kbId(), docs, scores);
    });
  }

  private static List<Ranked<Integer>> ranked(TopDocs top) {
    List<Ranked<Integer>> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc d : top.scoreDocs) {
      out.add(new Ranked<>(d.doc, d.score));
    }
    return out;
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
      return load(searcher, kbId, Arrays.stream(top).mapToInt(d -> d.doc).toArray(),
          Arrays.stream(top).mapToDouble(d -> d.score).toArray());
    });
  }

  /** The hits for {@code docs}, in the given order with the given scores. */
  private static List<Hit> load(IndexSearcher searcher, String kbId, int[] docs, double[] scores) throws IOException {
    // Stored fields are compressed in blocks: reading in doc id order decompresses each block once.
    Integer[] byDoc = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      byDoc[i] = i;
    }
    Arrays.sort(byDoc, Comparator.comparingInt(i -> docs[i]));
    StoredFields stored = searcher.storedFields();
    Hit[] hits = new Hit[docs.length];
    for (int i : byDoc) {
      hits[i] = new Hit(ChunkFields.toChunk(stored.document(docs[i]), kbId), scores[i]);
    }
    return List.of(hits);
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

  @Override
  public void close() throws IOException {
    for (KbIndex kb : open.values()) {
      kb.close();
    }
    open.clear();
  }
}
