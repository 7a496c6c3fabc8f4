package dev.ragkb.parsing;

import dev.ragkb.core.UnparseableDocumentException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ParsedDocument} from a stream of headings and blocks, in document order. It owns the text
 * layout (blank line between blocks, normalized whitespace), so that offsets are computed in one place for
 * every format. An embedded document (an attachment, an archive entry) is a nested section: its headings sit under
 * the heading path where it appears plus its own name. Single use and not thread-safe: one per parse.
 */
final class BlockAssembler {

  private static final String BLOCK_SEPARATOR = "\n\n";
  private static final int HEADING_LEVELS = 6;

  private final StringBuilder text = new StringBuilder();
  private final List<Block> blocks = new ArrayList<>();
  private final Deque<Frame> embedded = new ArrayDeque<>();
  private @Nullable String[] headings = new String[HEADING_LEVELS];
  private List<String> basePath = List.of();
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
    List<String> path = new ArrayList<>(basePath);
    Arrays.stream(headings).filter(Objects::nonNull).forEach(path::add);
    headingPath = List.copyOf(path);
    if (level == 1 && firstH1 == null && embedded.isEmpty()) {
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

  /**
   * Opens an embedded document named {@code name} (blank for an unnamed one, such as an e-mail's body part): until
   * the matching {@link #exitEmbedded}, blocks sit under the current heading path plus that name, and the embedded
   * document's own headings nest below it.
   */
  void enterEmbedded(String name) {
    embedded.push(new Frame(headings, basePath, headingPath));
    String title = normalize(name);
    headings = new String[HEADING_LEVELS];
    if (!title.isEmpty()) {
      List<String> path = new ArrayList<>(headingPath);
      path.add(title);
      headingPath = List.copyOf(path);
    }
    basePath = headingPath;
  }

  /** Closes the innermost embedded document: the headings around it apply again. */
  void exitEmbedded() {
    Frame frame = embedded.pop();
    headings = frame.headings();
    basePath = frame.basePath();
    headingPath = frame.headingPath();
  }

  /** The first top-level level-1 heading seen, or null when there was none. */
  @Nullable String firstH1() {
    return firstH1;
  }

  /** Whether no block holds any text yet. */
  boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** The text assembled so far. */
  String text() {
    return text.toString();
  }

  /** The blocks assembled so far, in document order. */
  List<Block> blocks() {
    return List.copyOf(blocks);
  }

  /**
   * The document assembled so far, without metadata.
   *
   * @throws UnparseableDocumentException when no block holds any text
   */
  ParsedDocument toDocument(String title, String mediaType) {
    if (blocks.isEmpty()) {
      throw new UnparseableDocumentException(
          UnparseableDocumentException.Reason.NO_TEXT, "no text could be extracted from the " + mediaType + " document");
    }
    return ParsedDocument.of(title, mediaType, text.toString(), blocks);
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

  /** The heading state outside an embedded document, restored when it ends. */
  private record Frame(@Nullable String[] headings, List<String> basePath, List<String> headingPath) {}
}
