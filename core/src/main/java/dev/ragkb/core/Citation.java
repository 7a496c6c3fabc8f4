package dev.ragkb.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A numbered source of an answer; {@code [n]} in the answer text points at it.
 *
 * @param n the number used in the answer, from 1
 * @param documentId the cited document
 * @param chunkId the cited chunk: the retrieved chunk that holds the snippet, or that brought in the
 *     passage around it (its parent section) when the snippet lies outside every retrieved chunk
 * @param source the document's original file name or path
 * @param title the document's title
 * @param snippet the cited passage: exactly the document's extracted text from {@code
 *     snippetStart} to {@code snippetEnd}
 * @param page the page where the passage starts, when known
 * @param score the retrieval score of that chunk
 * @param snippetStart offset of the snippet's first character in the document's extracted text
 * @param snippetEnd offset just past its last character
 */
public record Citation(
    int n,
    String documentId,
    String chunkId,
    String source,
    String title,
    String snippet,
    @Nullable Integer page,
    double score,
    int snippetStart,
    int snippetEnd) {

  public Citation {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(snippet, "snippet");
    if (n < 1) {
      throw new IllegalArgumentException("citation numbers start at 1: " + n);
    }
    if (snippetStart < 0 || snippetEnd < snippetStart) {
      throw new IllegalArgumentException("bad snippet offsets: " + snippetStart + ".." + snippetEnd);
    }
  }
}
