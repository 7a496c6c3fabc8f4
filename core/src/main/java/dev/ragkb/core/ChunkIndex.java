package dev.ragkb.core;

import java.util.List;

/** The write side of an index: a document's chunks are replaced or removed as one unit. */
public interface ChunkIndex {

  /**
   * Replaces every chunk of a document with {@code chunks}, atomically: a concurrent reader sees the
   * old chunks or the new ones, never both or neither. Durable when it returns. Idempotent.
   *
   * @throws RetriableException when the index is unavailable
   */
  void replaceDocument(String kbId, String documentId, List<EmbeddedChunk> chunks);

  /** Removes every chunk of a document; a no-op for an unknown document. Durable when it returns. */
  default void deleteDocument(String kbId, String documentId) {
    replaceDocument(kbId, documentId, List.of());
  }
}
