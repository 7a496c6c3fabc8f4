package dev.ragkb.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A passage of a document: the unit that is embedded, indexed, retrieved and cited.
 *
 * @param id stable id derived from document id, content hash and ordinal, so re-ingesting writes the same ids
 * @param documentId the document it comes from
 * @param kbId the knowledge base
 * @param ordinal its position among the document's chunks, from 0
 * @param text the passage
 * @param title the document's title
 * @param source the document's original file name or path
 * @param headingPath the headings above the passage, outermost first
 * @param page the 1-based page (PDF) where the passage starts; null when the format has no pages
 * @param startOffset offset of the passage's first character in the document's extracted text
 * @param endOffset offset just past its last character
 * @param acl who may read it (the document's ACL)
 * @param tags the document's tags
 * @param parentText the parent passage that holds this chunk (its section, or the part of a long section around
 *     it): retrieval matches the small chunk, a generator reads the parent for context; null when not recorded
 * @param date the document's date, which date filters select on: its metadata's modified date, else its created
 *     date, else when it was ingested; null when not recorded (chunks indexed before dates were), and then no
 *     date filter accepts the chunk
 */
public record Chunk(
    String id,
    String documentId,
    String kbId,
    int ordinal,
    String text,
    String title,
    String source,
    List<String> headingPath,
    @Nullable Integer page,
    int startOffset,
    int endOffset,
    Acl acl,
    Set<String> tags,
    @Nullable String parentText,
    @Nullable Instant date) {

  public Chunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(kbId, "kbId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(acl, "acl");
    headingPath = List.copyOf(headingPath);
    tags = Set.copyOf(tags);
    if (ordinal < 0 || startOffset < 0 || endOffset < startOffset) {
      throw new IllegalArgumentException("bad ordinal or offsets: " + ordinal + " " + startOffset + ".." + endOffset);
    }
  }

  /** A chunk without a recorded date. */
  public Chunk(String id, String documentId, String kbId, int ordinal, String text, String title, String source,
      List<String> headingPath, @Nullable Integer page, int startOffset, int endOffset, Acl acl, Set<String> tags,
      @Nullable String parentText) {
    this(id, documentId, kbId, ordinal, text, title, source, headingPath, page, startOffset, endOffset, acl, tags,
        parentText, null);
  }

  /** A chunk without a recorded parent passage or date. */
  public Chunk(String id, String documentId, String kbId, int ordinal, String text, String title, String source,
      List<String> headingPath, @Nullable Integer page, int startOffset, int endOffset, Acl acl, Set<String> tags) {
    this(id, documentId, kbId, ordinal, text, title, source, headingPath, page, startOffset, endOffset, acl, tags,
        null, null);
  }

  public Chunk withDate(@Nullable Instant newDate) {
    return new Chunk(id, documentId, kbId, ordinal, text, title, source, headingPath, page, startOffset, endOffset,
        acl, tags, parentText, newDate);
  }
}
