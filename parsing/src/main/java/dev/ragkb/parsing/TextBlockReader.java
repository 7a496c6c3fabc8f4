package dev.ragkb.parsing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.mime.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * Splits plain text and Markdown into blocks. Tika hands both over as one undivided paragraph, so the structure
 * is recovered here: paragraphs end at blank lines, and in Markdown ATX ({@code # Title}) and one-line setext
 * headings open sections, fenced code stays one block (its {@code #} comments are not headings), thematic breaks
 * separate blocks, and a leading YAML front matter block is skipped as metadata. Single use.
 */
final class TextBlockReader {

  enum Syntax {
    MARKDOWN,
    PLAIN;

    /** The syntax to split files of {@code type} with, or null for types Tika structures itself. */
    static @Nullable Syntax of(MediaType type) {
      if (type.equals(MediaType.TEXT_PLAIN)) {
        return PLAIN;
      }
      return type.equals(MediaType.text("markdown")) ? MARKDOWN : null;
    }
  }

  private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$");
  private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final String FRONT_MATTER_FENCE = "---";

  private final Syntax syntax;
  private final BlockAssembler out;
  private final StringBuilder paragraph = new StringBuilder();
  private int paragraphLines;
  private @Nullable String fence;

  TextBlockReader(Syntax syntax, BlockAssembler out) {
    this.syntax = syntax;
    this.out = out;
  }

  void read(String text) {
    String[] lines = text.split("\\R", -1);
    int first = syntax == Syntax.MARKDOWN ? afterFrontMatter(lines) : 0;
    for (int i = first; i < lines.length; i++) {
      if (syntax == Syntax.MARKDOWN) {
        markdownLine(lines[i]);
      } else if (lines[i].isBlank()) {
        flush();
      } else {
        append(lines[i]);
      }
    }
    flush();
  }

  private void markdownLine(String line) {
    Matcher m;
    if (fence != null) {
      if (closesFence(line, fence)) {
        flush();
        fence = null;
      } else {
        append(line);
      }
    } else if ((m = FENCE_OPEN.matcher(line)).find()) {
      flush();
      fence = m.group(1);
    } else if ((m = ATX_HEADING.matcher(line)).matches()) {
      flush();
      out.heading(m.group(1).length(), m.group(2) == null ? "" : m.group(2));
    } else if (paragraphLines == 1 && (m = SETEXT_UNDERLINE.matcher(line)).matches()) {
      out.heading(m.group(1).charAt(0) == '=' ? 1 : 2, paragraph.toString());
      paragraph.setLength(0);
      paragraphLines = 0;
    } else if (line.isBlank() || THEMATIC_BREAK.matcher(line).matches()) {
      flush();
    } else {
      append(line);
    }
  }

  private void append(String line) {
    paragraph.append(line).append('\n');
    paragraphLines++;
  }

  private void flush() {
    out.block(paragraph.toString(), null);
    paragraph.setLength(0);
    paragraphLines = 0;
  }

  private static boolean closesFence(String line, String fence) {
    String marker = line.strip();
    return marker.length() >= fence.length() && marker.chars().allMatch(c -> c == fence.charAt(0));
  }

  /** Index of the first line after a front matter block that opens on the first line, else 0. */
  private static int afterFrontMatter(String[] lines) {
    if (lines.length == 0 || !lines[0].strip().equals(FRONT_MATTER_FENCE)) {
      return 0;
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.equals(FRONT_MATTER_FENCE) || line.equals("...")) {
        return i + 1;
      }
    }
    return 0;
  }
}
