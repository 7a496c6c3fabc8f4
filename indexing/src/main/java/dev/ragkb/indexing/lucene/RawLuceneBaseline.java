package dev.ragkb.indexing.lucene;

import java.util.Set;
import org.apache.lucene.search.KnnFloatVectorQuery;

/**
 * The least index work a hybrid answer needs, for benchmarks: one plain BM25 search and one plain
 * kNN search on the same index, returning only Lucene's top documents (no filters, no stored
 * fields, no fusion). Comparing with it shows what our own layers cost.
 */
public final class RawLuceneBaseline {

  private final LuceneIndex index;

  public RawLuceneBaseline(LuceneIndex index) {
    this.index = index;
  }

  /** Runs both searches at depth {@code k}; returns how many documents they found, so the JIT cannot drop the work. */
  public int search(String kbId, String text, float[] vector, int k) {
    Set<String> terms = Analyzers.terms(index.analyzer(kbId), text);
    return index.withSearcher(kbId, searcher -> {
      int found = terms.isEmpty() ? 0 : searcher.search(LuceneIndex.bm25Query(terms), k).scoreDocs.length;
      return found + searcher.search(new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, k), k).scoreDocs.length;
    });
  }
}
