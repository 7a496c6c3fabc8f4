package dev.ragkb.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A numbered source of an answer; {@code [n]} in the answer text points at it.
 *
 * @param n the number used in the answer, from 1
 * @param documentId the cited document
 * @param chunkId the cited chunk
 * @param source the document's original file name or path
 * @param title the document's title
 * @param snippet the cited passage
 * @param page the page where the passage starts, when known
 * @param score the retrieval score of the chunk
 */
public record Citation(
    int n,
    String documentId,
    String chunkId,
    String source,
    String title,
    String snippet,
    @Nullable Integer page,
    double score) {

  public Citation {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(snippet, "snippet");
    if (n < 1) {
      throw new IllegalArgumentException("citation numbers start at 1: " + n);
    }
  }

  public static Citation of(int n, Hit hit, String snippet) {
    Chunk c = hit.chunk();
    return new Citation(n, c.documentId(), c.id(), c.source(), c.title(), snippet, c.page(), hit.score());
  }
}
