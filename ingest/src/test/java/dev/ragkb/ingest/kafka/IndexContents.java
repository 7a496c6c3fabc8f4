package dev.ragkb.ingest.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * What a knowledge base's Lucene index holds in its last commit, read straight from its directory
 * (an oracle that does not go through the code under test).
 *
 * @param chunkIds the chunk id of every live Lucene document, duplicates kept
 * @param documentIds the document id of every live Lucene document, duplicates kept
 * @param vectors every live vector, as a list so equal vectors compare equal
 */
record IndexContents(List<String> chunkIds, List<String> documentIds, List<List<Float>> vectors) {

  static IndexContents read(Path indexDir, String kbId) throws IOException {
    Path dir = indexDir.resolve(kbId);
    if (!Files.exists(dir)) {
      return new IndexContents(List.of(), List.of(), List.of());
    }
    List<String> chunkIds = new ArrayList<>();
    List<String> documentIds = new ArrayList<>();
    List<List<Float>> vectors = new ArrayList<>();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (live == null || live.get(doc)) {
            chunkIds.add(stored.document(doc).get("chunk_id"));
            documentIds.add(stored.document(doc).get("document_id"));
          }
        }
        FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
        if (values != null) {
          KnnVectorValues.DocIndexIterator it = values.iterator();
          for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
            if (live == null || live.get(doc)) {
              float[] v = values.vectorValue(it.index());
              List<Float> boxed = new ArrayList<>(v.length);
              for (float x : v) {
                boxed.add(x);
              }
              vectors.add(boxed);
            }
          }
        }
      }
    }
    return new IndexContents(chunkIds, documentIds, vectors);
  }

  long chunksOf(String documentId) {
    return documentIds.stream().filter(documentId::equals).count();
  }

  @Override
  public String toString() {
    return "IndexContents[" + chunkIds.size() + " chunks: " + Arrays.toString(chunkIds.stream().limit(5).toArray()) + "...]";
  }
}
