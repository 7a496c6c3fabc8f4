package dev.ragkb.core;

import java.util.List;
import java.util.Set;

/** Small factories for test data shared across modules. */
public final class Fixtures {

  private Fixtures() {}

  /** A public chunk of document {@code documentId} in knowledge base {@code kb}. */
  public static Chunk chunk(String kb, String documentId, int ordinal, String text) {
    return chunk(kb, documentId, ordinal, text, Acl.PUBLIC);
  }

  public static Chunk chunk(String kb, String documentId, int ordinal, String text, Acl acl) {
    return new Chunk(
        documentId + "#" + ordinal,
        documentId,
        kb,
        ordinal,
        text,
        "Title of " + documentId,
        documentId + ".txt",
        List.of(),
        null,
        0,
        text.length(),
        acl,
        Set.of());
  }

  public static Hit hit(String documentId, int ordinal, String text, double score) {
    return Hit.of(chunk("kb", documentId, ordinal, text), score);
  }

  /**
   * A hit on the passage {@code chunk} of a public document whose extracted text is {@code text}, placed where it first
   * occurs there, with {@code parent} (a slice of {@code text} holding it) recorded as its parent passage.
   */
  public static Hit childHit(String documentId, String text, String chunk, String parent, double score) {
    int start = text.indexOf(chunk);
    if (start < 0 || !text.contains(parent) || !parent.contains(chunk)) {
      throw new IllegalArgumentException("the document must hold the parent, and the parent the chunk");
    }
    return Hit.of(new Chunk(documentId + "@" + start, documentId, "kb", start, chunk, "Title of " + documentId,
        documentId + ".txt", List.of(), null, start, start + chunk.length(), Acl.PUBLIC, Set.of(), parent), score);
  }
}
