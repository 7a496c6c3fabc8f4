package dev.ragkb.parsing;

import dev.ragkb.core.UnparseableDocumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ParsedDocument} from a stream of headings and blocks, in document order. It owns the text
 * layout (blank line between blocks, normalized whitespace), so that offsets are computed in one place for
 * every format. Single use and not thread-safe: one per parse.
 */
final class BlockAssembler {

  private static final String BLOCK_SEPARATOR = "\n\n";
  private static final int HEADING_LEVELS = 6;

  private final StringBuilder text = new StringBuilder();
  private final List<Block> blocks = new ArrayList<>();
  private final @Nullable String[] headings = new String[HEADING_LEVELS];
  private List<String> headingPath = List.of();
  private @Nullable String firstH1;

  /**
   * Opens a section: a heading of {@code level} (1..6) replaces the heading at that level and closes all
   * deeper ones. A blank heading is ignored, so an empty {@code <h2/>} does not close a section.
   */
  void heading(int level, String rawText) {
    if (level < 1 || level > HEADING_LEVELS) {
      throw new IllegalArgumentException("heading level must be 1..6, got " + level);
    }
    String title = normalize(rawText);
    if (title.isEmpty()) {
      return;
    }
    headings[level - 1] = title;
    Arrays.fill(headings, level, HEADING_LEVELS, null);
    headingPath = Arrays.stream(headings).filter(Objects::nonNull).toList();
    if (level == 1 && firstH1 == null) {
      firstH1 = title;
    }
  }

  /** Appends a block under the current headings; blank text (after normalization) adds nothing. */
  void block(String rawText, @Nullable Integer page) {
    String blockText = normalize(rawText);
    if (blockText.isEmpty()) {
      return;
    }
    if (!text.isEmpty()) {
      text.append(BLOCK_SEPARATOR);
    }
    int start = text.length();
    text.append(blockText);
    blocks.add(new Block(blockText, headingPath, page, start, text.length()));
  }

  /** The first level-1 heading seen, or null when there was none. */
  @Nullable String firstH1() {
    return firstH1;
  }

  /**
   * The document assembled so far.
   *
   * @throws UnparseableDocumentException when no block holds any text
   */
  ParsedDocument toDocument(String title, String mediaType) {
    if (blocks.isEmpty()) {
      throw new UnparseableDocumentException("no text could be extracted from the " + mediaType + " document");
    }
    return new ParsedDocument(title, mediaType, text.toString(), blocks);
  }

  /**
   * Collapses every run of whitespace (including no-break spaces and line breaks) to one space, trims, and drops
   * control characters and invisible marks (BOM, zero-width space, soft hyphen) that PDFs and Word files carry
   * but that would break tokenizing and highlighting.
   */
  static String normalize(CharSequence raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean pendingSpace = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = !out.isEmpty();
      } else if (!Character.isISOControl(c) && !isInvisibleMark(c)) {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isInvisibleMark(char c) {
    return c == '\uFEFF' || c == '\u200B' || c == '\u00AD';
  }
}
