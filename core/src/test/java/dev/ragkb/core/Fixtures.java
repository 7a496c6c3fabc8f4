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
}
