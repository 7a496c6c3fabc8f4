package dev.ragkb.core;

import java.util.List;
import java.util.Map;

/** The write side of an index: a document's chunks are replaced or removed as one unit. */
public interface ChunkIndex {

  /**
   * Replaces every chunk of each document in {@code chunksByDocument} with its list (an empty list
   * removes the document), atomically per document: a concurrent reader sees a document's old chunks
   * or its new ones, never both or neither. Durable when it returns, with one commit for the whole
   * batch, which is what makes batches cheaper than one call per document. Idempotent.
   *
   * @throws RetriableException when the index is unavailable
   */
  void replaceDocuments(String kbId, Map<String, List<EmbeddedChunk>> chunksByDocument);

  /** {@link #replaceDocuments} for one document. */
  default void replaceDocument(String kbId, String documentId, List<EmbeddedChunk> chunks) {
    replaceDocuments(kbId, Map.of(documentId, chunks));
  }

  /** Removes every chunk of a document; a no-op for an unknown document. Durable when it returns. */
  default void deleteDocument(String kbId, String documentId) {
    replaceDocument(kbId, documentId, List.of());
  }
}
