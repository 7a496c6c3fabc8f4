package dev.ragkb.parsing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed file: its whole extracted text, the blocks that text is made of, what its metadata says about it, and
 * the warnings parsing raised.
 *
 * <p>Invariant, checked on construction: every block's text equals {@code text.substring(block.startOffset(),
 * block.endOffset())}, so a chunk cut from blocks can be highlighted in the document's text.
 *
 * @param title from the file's metadata ({@code dc:title}, the HTML {@code <title>}, an e-mail's subject, the first
 *     H1 for Markdown), else the file name without its extension
 * @param mediaType the detected media type without parameters, e.g. {@code application/pdf}
 * @param language the ISO 639-1 code of the text's main language ({@code en}, {@code zh}, {@code ja}...), or
 *     {@code und} when it could not be told
 * @param authors the authors the metadata names ({@code dc:creator}, an e-mail's sender), in its order
 * @param created when the metadata says the document was created; null when it does not say
 * @param modified when the metadata says it was last modified; null when it does not say
 * @param text the blocks' texts in document order, separated by a blank line
 * @param blocks the blocks in document order
 * @param warnings what was left out or could not be read, in the order noticed
 */
public record ParsedDocument(
    String title,
    String mediaType,
    String language,
    List<String> authors,
    @Nullable Instant created,
    @Nullable Instant modified,
    String text,
    List<Block> blocks,
    List<ParseWarning> warnings) {

  /** The code of an undetermined language (ISO 639-2). */
  public static final String UNDETERMINED_LANGUAGE = "und";

  public ParsedDocument {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(text, "text");
    authors = List.copyOf(authors);
    blocks = List.copyOf(blocks);
    warnings = List.copyOf(warnings);
    for (Block block : blocks) {
      boolean inside = block.endOffset() <= text.length();
      if (!inside || !text.regionMatches(block.startOffset(), block.text(), 0, block.text().length())) {
        throw new IllegalArgumentException(
            "block at " + block.startOffset() + ".." + block.endOffset() + " does not match the document text");
      }
    }
  }

  /** A document without metadata or warnings, in an undetermined language: what tests and plain text need. */
  public static ParsedDocument of(String title, String mediaType, String text, List<Block> blocks) {
    return new ParsedDocument(title, mediaType, UNDETERMINED_LANGUAGE, List.of(), null, null, text, blocks, List.of());
  }
}
