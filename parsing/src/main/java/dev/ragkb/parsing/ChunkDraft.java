package dev.ragkb.parsing;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chunk before ids are assigned: a slice of {@link ParsedDocument#text()} within one section, and the parent
 * passage it belongs to. The chunk (the child) is small, for precise retrieval; its parent, the section or the part
 * of a long section that holds it, is what a generator should be shown for context.
 *
 * @param text exactly {@code document.text().substring(startOffset, endOffset)}
 * @param headingPath the headings of the section it comes from, outermost first
 * @param page the 1-based page (or slide) of the chunk's first block; null when the format has no pages
 * @param startOffset offset of the chunk's first character in the document's text
 * @param endOffset offset just past its last character
 * @param parentStartOffset offset of the parent's first character, at most {@code startOffset}
 * @param parentEndOffset offset just past the parent's last character, at least {@code endOffset}
 */
public record ChunkDraft(
    String text,
    List<String> headingPath,
    @Nullable Integer page,
    int startOffset,
    int endOffset,
    int parentStartOffset,
    int parentEndOffset) {

  public ChunkDraft {
    Objects.requireNonNull(text, "text");
    headingPath = List.copyOf(headingPath);
    if (startOffset < 0 || endOffset - startOffset != text.length()) {
      throw new IllegalArgumentException(
          "offsets " + startOffset + ".." + endOffset + " do not span a text of length " + text.length());
    }
    if (parentStartOffset < 0 || parentStartOffset > startOffset || parentEndOffset < endOffset) {
      throw new IllegalArgumentException("parent " + parentStartOffset + ".." + parentEndOffset
          + " does not contain the chunk " + startOffset + ".." + endOffset);
    }
  }

  /** The parent passage's text: {@code document.text().substring(parentStartOffset, parentEndOffset)}. */
  public String parentText(ParsedDocument document) {
    return document.text().substring(parentStartOffset, parentEndOffset);
  }
}
