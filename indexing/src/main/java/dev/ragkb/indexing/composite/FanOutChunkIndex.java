package dev.ragkb.indexing.composite;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import java.util.List;
import java.util.Map;

/**
 * Writes every change to several indexes in turn, such as Lucene for text and Milvus for vectors.
 * Not atomic across them: when one fails the call throws and the ingestion retries it, which is
 * safe because every write is idempotent (stable chunk ids, replace by document).
 */
public final class FanOutChunkIndex implements ChunkIndex {

  private final List<ChunkIndex> indexes;

  public FanOutChunkIndex(List<ChunkIndex> indexes) {
    if (indexes.isEmpty()) {
      throw new IllegalArgumentException("at least one index");
    }
    this.indexes = List.copyOf(indexes);
  }

  @Override
  public void replaceDocuments(String kbId, Map<String, List<EmbeddedChunk>> chunksByDocument) {
    indexes.forEach(i -> i.replaceDocuments(kbId, chunksByDocument));
  }

  @Override
  public void deleteDocument(String kbId, String documentId) {
    indexes.forEach(i -> i.deleteDocument(kbId, documentId));
  }
}
