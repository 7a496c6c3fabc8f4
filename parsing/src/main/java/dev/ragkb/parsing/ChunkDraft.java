package dev.ragkb.parsing;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chunk before ids are assigned: a slice of {@link ParsedDocument#text()} within one section.
 *
 * @param text exactly {@code document.text().substring(startOffset, endOffset)}
 * @param headingPath the headings of the section it comes from, outermost first
 * @param page the 1-based page of the chunk's first block; null when the format has no pages
 * @param startOffset offset of the chunk's first character in the document's text
 * @param endOffset offset just past its last character
 */
public record ChunkDraft(
    String text, List<String> headingPath, @Nullable Integer page, int startOffset, int endOffset) {

  public ChunkDraft {
    Objects.requireNonNull(text, "text");
    headingPath = List.copyOf(headingPath);
    if (startOffset < 0 || endOffset - startOffset != text.length()) {
      throw new IllegalArgumentException(
          "offsets " + startOffset + ".." + endOffset + " do not span a text of length " + text.length());
    }
  }
}
