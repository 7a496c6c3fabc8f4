package dev.ragkb.parsing;

import java.util.List;
import java.util.Objects;

/**
 * A parsed file: its whole extracted text and the blocks that text is made of.
 *
 * <p>Invariant, checked on construction: every block's text equals {@code text.substring(block.startOffset(),
 * block.endOffset())}, so a chunk cut from blocks can be highlighted in the document's text.
 *
 * @param title from the file's metadata ({@code dc:title}, the HTML {@code <title>}, the first H1 for Markdown),
 *     else the file name without its extension
 * @param mediaType the detected media type without parameters, e.g. {@code application/pdf}
 * @param text the blocks' texts in document order, separated by a blank line
 * @param blocks the blocks in document order
 */
public record ParsedDocument(String title, String mediaType, String text, List<Block> blocks) {

  public ParsedDocument {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
    for (Block block : blocks) {
      boolean inside = block.endOffset() <= text.length();
      if (!inside || !text.regionMatches(block.startOffset(), block.text(), 0, block.text().length())) {
        throw new IllegalArgumentException(
            "block at " + block.startOffset() + ".." + block.endOffset() + " does not match the document text");
      }
    }
  }
}
