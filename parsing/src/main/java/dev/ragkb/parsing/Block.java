package dev.ragkb.parsing;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A block of extracted text (a paragraph, list item, table row...) under its headings.
 *
 * @param text the block's text, whitespace collapsed, never blank
 * @param headingPath the headings above the block, outermost first; empty before the first heading
 * @param page the 1-based PDF page the block is on; null when the format has no pages
 * @param startOffset offset of the block's first character in {@link ParsedDocument#text()}
 * @param endOffset offset just past its last character
 */
public record Block(String text, List<String> headingPath, @Nullable Integer page, int startOffset, int endOffset) {

  public Block {
    Objects.requireNonNull(text, "text");
    headingPath = List.copyOf(headingPath);
    if (startOffset < 0 || endOffset - startOffset != text.length()) {
      throw new IllegalArgumentException(
          "offsets " + startOffset + ".." + endOffset + " do not span a text of length " + text.length());
    }
    if (page != null && page < 1) {
      throw new IllegalArgumentException("page is 1-based, got " + page);
    }
  }
}
